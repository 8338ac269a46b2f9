package vn.ecomdss.transform;

import java.util.Locale;
import java.util.Optional;

import vn.ecomdss.lake.LakeRecord;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.vn.IncomeLevel;
import vn.ecomdss.vn.PhoneNumber;
import vn.ecomdss.vn.Province;
import vn.ecomdss.vn.ProvinceDirectory;
import vn.ecomdss.vn.VietnameseName;
import vn.ecomdss.vn.VietnamesePhone;

/** Maps a raw customer onto the warehouse's customer with Vietnamese names, phones and provinces cleaned. */
public final class CustomerTransformer {

    private final ProvinceDirectory provinces = ProvinceDirectory.standard();
    private final LookupCache<String, Optional<Province>> cities = new LookupCache<>(10_000, provinces::resolve);

    public StagedCustomer transform(LakeRecord record, EntityDefinition entity, RunParameters run) {
        PayloadFields fields = new PayloadFields(record.payload(), entity.fields(), where(record));
        String cityRaw = fields.text("city");
        Optional<Province> province = cityRaw == null ? Optional.empty() : cities.get(cityRaw);
        String phoneRaw = fields.text("phone");
        PhoneNumber phone = phoneRaw == null ? null : VietnamesePhone.normalize(phoneRaw);
        String fullName = fields.text("full_name");
        String email = fields.text("email");
        return new StagedCustomer(run.runId(), record.source(), record.naturalId(),
                fullName == null ? null : VietnameseName.normalize(fullName),
                email == null ? null : email.toLowerCase(Locale.ROOT),
                province.map(Province::name).orElse(cityRaw),
                cityRaw,
                fields.text("segment"),
                incomeLevel(fields.text("income_level")),
                province.map(Province::code).orElse(null),
                province.map(p -> p.region().name()).orElse(null),
                phoneRaw,
                phone != null && phone.valid() ? phone.e164() : null,
                phone == null ? null : phone.carrier().name(),
                lower(fields.text("gender")),
                birthYear(fields),
                changedAt(fields, record, run),
                fields.flag("deleted"),
                record.envelopeId());
    }

    private static Integer birthYear(PayloadFields fields) {
        if (fields.has("birth_year")) {
            return fields.integer("birth_year");
        }
        String birthDate = fields.text("birth_date");
        if (birthDate == null || birthDate.length() < 4 || !birthDate.substring(0, 4).chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(birthDate.substring(0, 4));
    }

    /** The canonical band when it is known; an unknown label is kept as written, to be reported by the quality rules. */
    private static String incomeLevel(String raw) {
        if (raw == null) {
            return null;
        }
        IncomeLevel level = IncomeLevel.resolve(raw);
        return level == IncomeLevel.UNKNOWN ? raw : level.code();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /**
     * When the record changed: the source's own time; else, in a full refresh that replays the lake's history,
     * when the envelope was first fetched; else nothing (the merge then uses the run's logical date).
     */
    static java.time.OffsetDateTime changedAt(PayloadFields fields, LakeRecord record, RunParameters run) {
        java.time.OffsetDateTime changed = fields.timestamp("changed_at");
        if (changed == null && run.fullRefresh() && record.fetchedAt() != null) {
            return record.fetchedAt().atOffset(java.time.ZoneOffset.UTC);
        }
        return changed;
    }

    static String where(LakeRecord record) {
        return "source " + record.source() + ", entity " + record.entity() + ", id " + record.naturalId()
                + " (envelope " + record.envelopeId() + ")";
    }
}
