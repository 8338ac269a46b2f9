package vn.ecomdss.transform;

import java.util.List;

import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.CopyWriter;
import vn.ecomdss.pipeline.EntityDefinition;

/** {@code target: platforms}: the marketplaces and their commission rates, into {@code staging.platform}. */
@Component
public final class PlatformStaging implements StagingTarget<StagedPlatform> {

    private static final String COPY = """
            copy staging.platform (run_id, source, platform_code, platform_name, platform_type, commission_rate,
                changed_at, is_deleted, envelope_id) from stdin
            """;

    private final CopyWriter staging;

    public PlatformStaging(CopyWriter staging) {
        this.staging = staging;
    }

    @Override
    public String name() {
        return "platforms";
    }

    @Override
    public String table() {
        return "staging.platform";
    }

    @Override
    public boolean reads(EntityDefinition entity) {
        return entity.target().equals("platform");
    }

    @Override
    public Transformation<StagedPlatform> transformation() {
        PlatformTransformer platforms = new PlatformTransformer();
        return (record, entity, source, run) -> List.of(platforms.transform(record, entity, run));
    }

    @Override
    public void write(List<? extends StagedPlatform> rows) {
        staging.copy(table(), COPY, rows, p -> new Object[] {p.runId(), p.source(), p.platformCode(),
                p.platformName(), p.platformType(), p.commissionRate(), p.changedAt(), p.deleted(), p.envelopeId()});
    }
}
