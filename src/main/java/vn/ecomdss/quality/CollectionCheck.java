package vn.ecomdss.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import vn.ecomdss.lake.DataLake;
import vn.ecomdss.lake.PayloadPointer;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.vn.PhoneNumber;
import vn.ecomdss.vn.ProvinceDirectory;
import vn.ecomdss.vn.VietnamesePhone;

/**
 * Runs one collection's rules over the envelopes a run extracted: record rules envelope by envelope, then
 * uniqueness, freshness and the row count over the whole listing. Every failure is kept with its reason.
 */
final class CollectionCheck {

    static final int SAMPLE = 10;
    private static final ProvinceDirectory PROVINCES = ProvinceDirectory.standard();

    /** What the check found: one result per rule and every failing record. */
    record Outcome(List<CheckResult> results, List<FailedRecord> failures) {
    }

    private final DataLake lake;
    private final String runId;
    private final String source;
    private final EntityDefinition entity;
    private final List<QualityRule> rules;
    private final JobDefinition.QualityThresholds defaults;
    private final PreviousFigures previous;

    CollectionCheck(DataLake lake, String runId, String source, EntityDefinition entity, List<QualityRule> rules,
                    JobDefinition.QualityThresholds defaults, PreviousFigures previous) {
        this.lake = lake;
        this.runId = runId;
        this.source = source;
        this.entity = entity;
        this.rules = rules;
        this.defaults = defaults;
        this.previous = previous;
    }

    /** Looks up a rule's figure in the latest earlier run, for row-count-change. */
    interface PreviousFigures {
        Double observed(String stage, String rule, String target);
    }

    Outcome run() {
        String target = source + "/" + entity.name();
        Map<QualityRule, Tally> tallies = new LinkedHashMap<>();
        rules.forEach(rule -> tallies.put(rule, new Tally()));
        Map<QualityRule, Set<String>> referenced = new LinkedHashMap<>();
        for (QualityRule rule : rules) {
            if (rule.type() == RuleType.REFERENTIAL) {
                referenced.put(rule, naturalIds(rule.references()));
            }
        }
        Map<QualityRule, Map<String, List<String[]>>> uniqueKeys = new LinkedHashMap<>();
        List<FailedRecord> failures = new ArrayList<>();
        long records = 0;
        Instant newestFetch = null;
        try (Stream<Document> envelopes = lake.template().stream(lake.seenBy(runId, source, entity.name()),
                Document.class, DataLake.ENVELOPES)) {
            for (Document envelope : (Iterable<Document>) envelopes::iterator) {
                records++;
                String naturalId = envelope.getString("natural_id");
                String envelopeId = envelope.getString("_id");
                Document payload = envelope.get("payload", Document.class);
                Date fetched = envelope.getDate("last_fetched_at");
                if (fetched != null && (newestFetch == null || fetched.toInstant().isAfter(newestFetch))) {
                    newestFetch = fetched.toInstant();
                }
                for (QualityRule rule : rules) {
                    if (rule.type() == RuleType.UNIQUE) {
                        String key = rule.columns().isEmpty() ? naturalId : String.join("|", rule.columns().stream()
                                .map(c -> String.valueOf(values(payload, c))).toList());
                        uniqueKeys.computeIfAbsent(rule, r -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new String[]{naturalId, envelopeId});
                        continue;
                    }
                    if (!rule.type().perRecord()) {
                        continue;
                    }
                    Tally tally = tallies.get(rule);
                    tally.checked++;
                    String reason = failure(rule, naturalId, payload, referenced.get(rule));
                    if (reason != null) {
                        tally.fail(naturalId);
                        failures.add(new FailedRecord(rule.name(), target, key(naturalId), rule.severity(), reason, envelopeId));
                    }
                }
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (QualityRule rule : rules) {
            Tally tally = tallies.get(rule);
            Double observed = null;
            switch (rule.type()) {
                case UNIQUE -> {
                    tally.checked = records;
                    for (Map.Entry<String, List<String[]>> key : uniqueKeys.getOrDefault(rule, Map.of()).entrySet()) {
                        List<String[]> holders = key.getValue();
                        for (String[] extra : holders.subList(1, holders.size())) {
                            tally.fail(extra[0]);
                            failures.add(new FailedRecord(rule.name(), target, key(extra[0]), rule.severity(),
                                    holders.size() + " records share " + describe(rule) + " '" + key.getKey() + "'", extra[1]));
                        }
                    }
                }
                case FRESHNESS -> {
                    Duration maxAge = rule.maxAge(defaults);
                    Duration age = newestFetch == null ? null : Duration.between(newestFetch, Instant.now());
                    observed = age == null ? null : (double) age.toSeconds();
                    tally.checked = 1;
                    if (age == null || age.compareTo(maxAge) > 0) {
                        tally.fail(age == null ? "nothing fetched" : "newest record fetched " + age.toMinutes()
                                + " min ago, more than " + maxAge.toMinutes() + " min");
                    }
                }
                case ROW_COUNT_CHANGE -> {
                    observed = (double) records;
                    tally.checked = 1;
                    Double before = previous.observed("raw", rule.name(), target);
                    if (before != null && before > 0 && Math.abs(records - before) / before > rule.maxChange()) {
                        tally.fail(String.format("%d records, previous run %.0f (%+.1f%%, more than %.0f%%)", records,
                                before, 100 * (records - before) / before, 100 * rule.maxChange()));
                    }
                }
                default -> {
                }
            }
            results.add(new CheckResult("raw", rule.name(), rule.type().key(), target, rule.severity().key(),
                    tally.checked, tally.failed, rule.threshold(defaults), List.copyOf(tally.sample), observed));
        }
        return new Outcome(results, failures);
    }

    /** Why the record fails the rule, or null when it passes. */
    private String failure(QualityRule rule, String naturalId, Document payload, Set<String> referenced) {
        return switch (rule.type()) {
            case REQUIRED_FIELDS -> {
                List<String> reasons = RawRecordCheck.failures(naturalId, payload, entity);
                yield reasons.isEmpty() ? null : String.join("; ", reasons);
            }
            case NOT_NULL -> {
                List<String> missing = new ArrayList<>();
                for (String column : rule.columns()) {
                    List<Object> found = values(payload, column);
                    if (found.isEmpty() || found.stream().anyMatch(CollectionCheck::blank)) {
                        missing.add(column);
                    }
                }
                yield missing.isEmpty() ? null : String.join(", ", missing) + " is missing";
            }
            case ACCEPTED_VALUES -> firstFailing(rule, payload, v -> rule.values().contains(v.toString()) ? null
                    : "'" + v + "' is not one of " + rule.values());
            case RANGE -> firstFailing(rule, payload, v -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(v.toString());
                } catch (NumberFormatException e) {
                    return "'" + v + "' is not a number";
                }
                if (rule.min() != null && number.compareTo(rule.min()) < 0) {
                    return v + " is below the minimum " + rule.min();
                }
                if (rule.max() != null && number.compareTo(rule.max()) > 0) {
                    return v + " is above the maximum " + rule.max();
                }
                return null;
            });
            case REGEX -> firstFailing(rule, payload, v -> rule.pattern().matcher(v.toString()).matches() ? null
                    : "'" + v + "' does not match " + rule.pattern().pattern());
            case REFERENTIAL -> firstFailing(rule, payload, v -> referenced.contains(v.toString()) ? null
                    : "'" + v + "' is not an id of " + rule.references() + " in this run");
            case PHONE -> firstFailing(rule, payload, v -> {
                PhoneNumber phone = VietnamesePhone.normalize(v.toString());
                return phone.valid() ? null : "'" + v + "' is not a Vietnamese phone number: " + phone.reason();
            });
            case PROVINCE -> firstFailing(rule, payload, v -> PROVINCES.resolve(v.toString()).isPresent() ? null
                    : "'" + v + "' is not a known spelling of a province");
            default -> null;
        };
    }

    private interface ValueCheck {
        String failure(Object value);
    }

    /** Absent values pass: presence is what not-null checks. */
    private static String firstFailing(QualityRule rule, Document payload, ValueCheck check) {
        for (String column : rule.columns()) {
            for (Object value : values(payload, column)) {
                if (blank(value)) {
                    continue;
                }
                String failure = check.failure(value);
                if (failure != null) {
                    return column + ": " + failure;
                }
            }
        }
        return null;
    }

    /** The values at a pointer; {@code /lines/*}/x collects x from every element of the lines array. */
    static List<Object> values(Object node, String pointer) {
        int star = pointer.indexOf("/*");
        if (star < 0) {
            Object value = PayloadPointer.at(node, pointer);
            return value == null ? List.of() : java.util.Collections.singletonList(value);
        }
        Object array = PayloadPointer.at(node, pointer.substring(0, star));
        if (!(array instanceof List<?> elements)) {
            return List.of();
        }
        String rest = pointer.substring(star + 2);
        List<Object> values = new ArrayList<>();
        for (Object element : elements) {
            if (rest.isEmpty()) {
                values.add(element);
            } else {
                values.addAll(values(element, rest));
            }
        }
        return values;
    }

    private static boolean blank(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private Set<String> naturalIds(String collection) {
        int slash = collection.indexOf('/');
        Query query = Query.query(Criteria.where("run_ids").is(runId).and("source").is(collection.substring(0, slash))
                .and("entity").is(collection.substring(slash + 1)));
        query.fields().include("natural_id");
        Set<String> ids = new HashSet<>();
        try (Stream<Document> docs = lake.template().stream(query, Document.class, DataLake.ENVELOPES)) {
            docs.forEach(d -> ids.add(d.getString("natural_id")));
        }
        return ids;
    }

    private static String key(String naturalId) {
        return naturalId == null ? "(no id)" : naturalId;
    }

    private static String describe(QualityRule rule) {
        return rule.columns().isEmpty() ? "the natural id" : String.join(", ", rule.columns());
    }

    private static final class Tally {
        long checked;
        long failed;
        final List<String> sample = new ArrayList<>();

        void fail(String key) {
            failed++;
            if (sample.size() < SAMPLE) {
                sample.add(key(key));
            }
        }
    }
}
