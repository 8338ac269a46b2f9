package vn.ecomdss.ops;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The raw data lake's health by a {@code ping}: Spring Boot's own MongoDB check sends {@code hello}, which the
 * embedded wire-protocol store does not implement (so it is switched off in the server profile).
 */
@Component("lake")
class LakeHealth extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    LakeHealth(MongoTemplate mongo) {
        super("The raw data lake does not answer");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok"));
    }
}
