package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.util.Locale;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;

/** Maps a raw platform onto {@code staging.platform}; a commission rate is a fraction between 0 and 1. */
public final class PlatformTransformer {

    public StagedPlatform transform(LakeRecord record, EntityDefinition entity, RunParameters run) {
        String where = CustomerTransformer.where(record);
        PayloadFields fields = new PayloadFields(record.payload(), entity.fields(), where);
        BigDecimal rate = fields.decimal("commission_rate");
        if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0)) {
            throw new TransformException(where + ": commission_rate must be a fraction in [0, 1), got " + rate);
        }
        String type = fields.text("type");
        return new StagedPlatform(run.runId(), record.source(), record.naturalId().toLowerCase(Locale.ROOT),
                fields.text("name"), type == null ? null : type.toLowerCase(Locale.ROOT), rate,
                CustomerTransformer.changedAt(fields, record, run), fields.flag("deleted"), record.envelopeId());
    }
}
