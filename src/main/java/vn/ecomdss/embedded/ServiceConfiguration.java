package vn.ecomdss.embedded;

import javax.sql.DataSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;

import vn.ecomdss.DssProperties;

/**
 * Connections to the platform's services, wherever {@link PlatformServices} found or started them.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceConfiguration {

    @Bean(destroyMethod = "close")
    PlatformServices platformServices(DssProperties properties) {
        return PlatformServices.start(properties);
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(PlatformServices services, DssProperties properties) {
        ServiceEndpoints endpoints = services.endpoints();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("dss");
        dataSource.setJdbcUrl(endpoints.jdbcUrl());
        dataSource.setUsername(endpoints.jdbcUser());
        dataSource.setPassword(endpoints.jdbcPassword());
        dataSource.setMaximumPoolSize(properties.db().poolSize());
        return dataSource;
    }

    /** The transaction manager of the job repository and of every step; Spring Cloud Task keeps its own. */
    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(PlatformServices services) {
        return MongoClients.create(services.endpoints().mongoUri());
    }

    @Bean
    MongoDatabaseFactory mongoDatabaseFactory(MongoClient client, DssProperties properties) {
        return new SimpleMongoClientDatabaseFactory(client, properties.mongodb().database());
    }

    @Bean
    MongoTemplate mongoTemplate(MongoDatabaseFactory factory) {
        return new MongoTemplate(factory);
    }

    @Bean
    KafkaEndpoint kafkaEndpoint(PlatformServices services) {
        return new KafkaEndpoint(services.endpoints().kafkaBootstrapServers());
    }
}
