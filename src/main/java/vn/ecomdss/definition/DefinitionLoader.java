package vn.ecomdss.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.support.CronExpression;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * Reads {@code job-definitions/} (jobs at the top, sources under {@code sources/}) and validates everything
 * before any job is assembled, reporting all problems at once with file and field.
 */
public final class DefinitionLoader {

    private static final Set<String> JOB_KEYS = Set.of("job", "description", "schedule", "quality", "steps");
    private static final Set<String> STEP_KEYS = Set.of("name", "type", "depends-on");
    private static final Set<String> SOURCE_KEYS = Set.of("source", "kind", "base-url", "embedded", "currency",
            "paging", "timeout-seconds", "max-retries", "entities", "rate-limit", "on-failure", "user-agent");
    private static final Set<String> ENTITY_KEYS = Set.of("path", "items-field", "id", "target", "required",
            "fields", "lines", "reviews", "snapshot", "changes-only", "incremental", "listing", "customer-source");
    private static final Set<String> LISTING_KEYS = Set.of("paths", "page-param", "max-pages", "extract",
            "json-ld-type", "script", "items", "fields", "price-fields");

    private final YAMLMapper yaml = YAMLMapper.builder().build();
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    public record Definitions(SourceCatalogue sources, List<JobDefinition> jobs) {
    }

    public Definitions load(String location, Map<String, StepFactory> catalogue) {
        DefinitionProblems problems = new DefinitionProblems();
        Map<String, SourceDefinition> sources = new LinkedHashMap<>();
        for (Resource resource : resources(location + "/sources/*.yml")) {
            SourceDefinition source = readSource(resource, problems);
            if (source != null && sources.putIfAbsent(source.name(), source) != null) {
                problems.add(fileName(resource), "source", "duplicate source name '" + source.name() + "'");
            }
        }
        checkCustomerSources(sources, problems);
        SourceCatalogue sourceCatalogue = new SourceCatalogue(sources);
        List<JobDefinition> jobs = new ArrayList<>();
        Set<String> jobNames = new HashSet<>();
        for (Resource resource : resources(location + "/*.yml")) {
            JobDefinition job = readJob(resource, catalogue, sourceCatalogue, problems);
            if (job != null) {
                if (!jobNames.add(job.name())) {
                    problems.add(job.file(), "job", "duplicate job name '" + job.name() + "'");
                }
                jobs.add(job);
            }
        }
        problems.throwIfAny();
        return new Definitions(sourceCatalogue, List.copyOf(jobs));
    }

    private List<Resource> resources(String pattern) {
        try {
            Resource[] found = resolver.getResources(pattern);
            return Arrays.stream(found).sorted(Comparator.comparing(DefinitionLoader::fileName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list job definitions at " + pattern, e);
        }
    }

    private JsonNode parse(Resource resource, DefinitionProblems problems) {
        try (InputStream in = resource.getInputStream()) {
            JsonNode root = yaml.readTree(in);
            if (root == null || !root.isObject()) {
                problems.add(fileName(resource), "(document)", "expected a mapping at the top of the file");
                return null;
            }
            return root;
        } catch (JacksonException e) {
            problems.add(fileName(resource), "(document)", "not valid YAML: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private JobDefinition readJob(Resource resource, Map<String, StepFactory> catalogue, SourceCatalogue sources,
                                  DefinitionProblems problems) {
        String file = fileName(resource);
        JsonNode root = parse(resource, problems);
        if (root == null) {
            return null;
        }
        unknownKeys(root, JOB_KEYS, file, "", problems);
        String name = requiredText(root, "job", file, "job", problems);
        JobDefinition.Schedule schedule = readSchedule(root.get("schedule"), file, problems);
        JobDefinition.QualityThresholds quality = readQuality(root.get("quality"), file, problems);
        List<StepDefinition> steps = new ArrayList<>();
        JsonNode stepNodes = root.get("steps");
        if (stepNodes == null || !stepNodes.isArray() || stepNodes.isEmpty()) {
            problems.add(file, "steps", "a job needs a non-empty list of steps");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < stepNodes.size(); i++) {
                String field = "steps[" + i + "]";
                StepDefinition step = readStep(stepNodes.get(i), file, field, problems);
                if (step == null) {
                    continue;
                }
                if (!seen.add(step.name())) {
                    problems.add(file, field + ".name", "duplicate step name '" + step.name() + "'");
                    continue;
                }
                StepFactory factory = catalogue.get(step.type());
                if (factory == null) {
                    problems.add(file, field + ".type", "unknown step type '" + step.type() + "' (known: "
                            + String.join(", ", catalogue.keySet().stream().sorted().toList()) + ")");
                } else {
                    factory.validate(step, sources, problems);
                }
                steps.add(step);
            }
            checkDependencies(steps, file, problems);
        }
        String description = root.path("description").asString("");
        return name == null ? null : new JobDefinition(file, name, description, schedule, quality, List.copyOf(steps));
    }

    private StepDefinition readStep(JsonNode node, String file, String field, DefinitionProblems problems) {
        if (node == null || !node.isObject()) {
            problems.add(file, field, "a step is a mapping with name and type");
            return null;
        }
        String name = requiredText(node, "name", file, field + ".name", problems);
        String type = requiredText(node, "type", file, field + ".type", problems);
        List<String> dependsOn = new ArrayList<>();
        JsonNode deps = node.get("depends-on");
        if (deps != null) {
            if (deps.isArray()) {
                deps.valueStream().forEach(d -> dependsOn.add(d.asString()));
            } else if (deps.isString()) {
                dependsOn.add(deps.asString());
            } else {
                problems.add(file, field + ".depends-on", "expected a step name or a list of step names");
            }
        }
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!STEP_KEYS.contains(entry.getKey())) {
                params.put(entry.getKey(), entry.getValue());
            }
        }
        if (name == null || type == null) {
            return null;
        }
        return new StepDefinition(name, type, List.copyOf(dependsOn), Map.copyOf(params), file, field);
    }

    /** Every depends-on names a step of the same job, and following them never comes back (no cycle). */
    private void checkDependencies(List<StepDefinition> steps, String file, DefinitionProblems problems) {
        Map<String, StepDefinition> byName = new HashMap<>();
        steps.forEach(s -> byName.put(s.name(), s));
        for (StepDefinition step : steps) {
            for (int i = 0; i < step.dependsOn().size(); i++) {
                String dependency = step.dependsOn().get(i);
                if (!byName.containsKey(dependency)) {
                    problems.add(file, step.field() + ".depends-on[" + i + "]",
                            "step '" + step.name() + "' depends on unknown step '" + dependency + "'");
                }
            }
        }
        Map<String, Integer> state = new HashMap<>();
        for (StepDefinition step : steps) {
            List<String> cycle = findCycle(step.name(), byName, state, new ArrayList<>());
            if (cycle != null) {
                StepDefinition first = byName.get(cycle.get(0));
                problems.add(file, first.field() + ".depends-on", "dependency cycle: " + String.join(" -> ", cycle));
                return;
            }
        }
    }

    private List<String> findCycle(String name, Map<String, StepDefinition> byName, Map<String, Integer> state,
                                   List<String> path) {
        Integer current = state.get(name);
        if (current != null && current == 2) {
            return null;
        }
        if (current != null && current == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        StepDefinition step = byName.get(name);
        if (step == null) {
            return null;
        }
        state.put(name, 1);
        path.add(name);
        for (String dependency : step.dependsOn()) {
            List<String> cycle = findCycle(dependency, byName, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return null;
    }

    private JobDefinition.Schedule readSchedule(JsonNode node, String file, DefinitionProblems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        String cron = node.path("cron").asString(null);
        String zoneText = node.path("zone").asString("Asia/Ho_Chi_Minh");
        ZoneId zone = null;
        try {
            zone = ZoneId.of(zoneText);
        } catch (RuntimeException e) {
            problems.add(file, "schedule.zone", "unknown time zone '" + zoneText + "'");
        }
        if (cron == null || cron.isBlank()) {
            problems.add(file, "schedule.cron", "a schedule needs a cron expression");
            return null;
        }
        String springCron = cron.trim().split("\\s+").length == 5 ? "0 " + cron.trim() : cron.trim();
        try {
            CronExpression.parse(springCron);
        } catch (IllegalArgumentException e) {
            problems.add(file, "schedule.cron", "bad cron '" + cron + "': " + e.getMessage());
            return null;
        }
        return new JobDefinition.Schedule(springCron, zone);
    }

    private JobDefinition.QualityThresholds readQuality(JsonNode node, String file, DefinitionProblems problems) {
        JobDefinition.QualityThresholds defaults = JobDefinition.QualityThresholds.defaults();
        if (node == null || node.isNull()) {
            return defaults;
        }
        unknownKeys(node, Set.of("raw-max-failed-ratio", "final-min-score", "min-completeness", "max-duplicate-ratio",
                "min-accuracy", "max-age"), file, "quality.", problems);
        return new JobDefinition.QualityThresholds(
                ratio(node, "raw-max-failed-ratio", defaults.rawMaxFailedRatio(), file, problems),
                ratio(node, "final-min-score", defaults.finalMinScore(), file, problems),
                ratio(node, "min-completeness", defaults.minCompleteness(), file, problems),
                ratio(node, "max-duplicate-ratio", defaults.maxDuplicateRatio(), file, problems),
                ratio(node, "min-accuracy", defaults.minAccuracy(), file, problems),
                duration(node, "max-age", defaults.maxAge(), file, problems));
    }

    private Duration duration(JsonNode node, String key, Duration fallback, String file, DefinitionProblems problems) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.parse(value.asString());
        } catch (RuntimeException e) {
            problems.add(file, "quality." + key, "expected an ISO-8601 duration such as PT2H, got '" + value.asString() + "'");
            return fallback;
        }
    }

    private double ratio(JsonNode node, String key, double fallback, String file, DefinitionProblems problems) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            problems.add(file, "quality." + key, "expected a ratio between 0 and 1, got '" + value.asString() + "'");
            return fallback;
        }
        return value.asDouble();
    }

    private SourceDefinition readSource(Resource resource, DefinitionProblems problems) {
        String file = "sources/" + fileName(resource);
        JsonNode root = parse(resource, problems);
        if (root == null) {
            return null;
        }
        unknownKeys(root, SOURCE_KEYS, file, "", problems);
        String name = requiredText(root, "source", file, "source", problems);
        String kind = root.path("kind").asString("http-json");
        if (!SourceDefinition.KINDS.contains(kind)) {
            problems.add(file, "kind", "unknown source kind '" + kind + "' (known: " + SourceDefinition.KINDS + ")");
        }
        String baseUrl = root.path("base-url").asString(null);
        String embedded = root.path("embedded").asString(null);
        if (baseUrl == null && embedded == null) {
            problems.add(file, "base-url", "a source needs a base-url (or embedded: vnmarket)");
        }
        if (embedded != null && !SourceDefinition.EMBEDDED.contains(embedded)) {
            problems.add(file, "embedded", "unknown embedded service '" + embedded + "' (known: "
                    + SourceDefinition.EMBEDDED + ")");
        }
        String onFailure = root.path("on-failure").asString("fail");
        if (!SourceDefinition.ON_FAILURE.contains(onFailure)) {
            problems.add(file, "on-failure", "expected one of " + SourceDefinition.ON_FAILURE + ", got '" + onFailure + "'");
        }
        JsonNode rateNode = root.path("rate-limit");
        unknownKeys(rateNode, Set.of("requests-per-hour", "burst"), file, "rate-limit.", problems);
        SourceDefinition.RateLimit rateLimit = new SourceDefinition.RateLimit(
                rateNode.path("requests-per-hour").asInt(0), rateNode.path("burst").asInt(1));
        if (rateLimit.requestsPerHour() < 0 || rateLimit.burst() < 1) {
            problems.add(file, "rate-limit", "requests-per-hour must be 0 (unlimited) or more and burst at least 1");
        }
        JsonNode pagingNode = root.path("paging");
        String style = pagingNode.path("style").asString("none");
        if (!SourceDefinition.PAGING_STYLES.contains(style)) {
            problems.add(file, "paging.style", "unknown paging style '" + style + "' (known: "
                    + SourceDefinition.PAGING_STYLES + ")");
        }
        SourceDefinition.Paging paging = new SourceDefinition.Paging(style,
                pagingNode.path("limit-param").asString("limit"),
                pagingNode.path("offset-param").asString(style.equals("offset-limit") ? "offset" : "skip"),
                pagingNode.path("page-size").asInt(100),
                pagingNode.path("total-field").asString(null));
        Map<String, EntityDefinition> entities = new LinkedHashMap<>();
        JsonNode entityNodes = root.get("entities");
        if (entityNodes == null || !entityNodes.isObject() || entityNodes.isEmpty()) {
            problems.add(file, "entities", "a source needs at least one entity");
        } else {
            for (Map.Entry<String, JsonNode> entry : entityNodes.properties()) {
                EntityDefinition entity = readEntity(name, entry.getKey(), entry.getValue(), kind, file, problems);
                if (entity != null) {
                    entities.put(entity.name(), entity);
                }
            }
        }
        return name == null ? null : new SourceDefinition(file, name, kind, baseUrl, embedded,
                root.path("currency").asString("VND"), paging,
                Duration.ofSeconds(root.path("timeout-seconds").asInt(30)), root.path("max-retries").asInt(3),
                entities, rateLimit, onFailure, root.path("user-agent").asString(SourceDefinition.DEFAULT_USER_AGENT));
    }

    private EntityDefinition readEntity(String sourceName, String name, JsonNode node, String kind, String file,
                                        DefinitionProblems problems) {
        String field = "entities." + name;
        unknownKeys(node, ENTITY_KEYS, file, field + ".", problems);
        EntityDefinition.Listing listing = null;
        String path;
        if (kind.equals("html")) {
            listing = readListing(node.path("listing"), file, field + ".listing", problems);
            path = listing == null || listing.paths().isEmpty() ? null : listing.paths().get(0);
        } else {
            path = requiredText(node, "path", file, field + ".path", problems);
        }
        EntityDefinition.Incremental incremental = null;
        JsonNode incrementalNode = node.get("incremental");
        if (incrementalNode != null) {
            unknownKeys(incrementalNode, Set.of("field", "param", "param-format"), file, field + ".incremental.", problems);
            String marker = requiredText(incrementalNode, "field", file, field + ".incremental.field", problems);
            pointer(marker, file, field + ".incremental.field", problems);
            String format = incrementalNode.path("param-format").asString("timestamp");
            if (!List.of("timestamp", "date").contains(format)) {
                problems.add(file, field + ".incremental.param-format", "expected timestamp or date, got '" + format + "'");
            }
            incremental = new EntityDefinition.Incremental(marker, incrementalNode.path("param").asString(null), format);
        }
        String target = requiredText(node, "target", file, field + ".target", problems);
        if (target != null && !EntityDefinition.TARGET_FIELDS.containsKey(target)) {
            problems.add(file, field + ".target", "unknown target '" + target + "' (known: "
                    + EntityDefinition.TARGET_FIELDS.keySet() + ")");
            return null;
        }
        Map<String, String> required = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.path("required").properties()) {
            String type = entry.getValue().asString();
            if (!EntityDefinition.TYPES.contains(type)) {
                problems.add(file, field + ".required." + entry.getKey(), "unknown type '" + type + "' (known: "
                        + EntityDefinition.TYPES + ")");
            }
            pointer(entry.getKey(), file, field + ".required", problems);
            required.put(entry.getKey(), type);
        }
        Map<String, List<String>> fields = readFields(node.path("fields"),
                target == null ? List.of() : EntityDefinition.TARGET_FIELDS.get(target), file, field + ".fields", problems);
        EntityDefinition.Lines lines = null;
        if ("order".equals(target)) {
            JsonNode linesNode = node.path("lines");
            String linesPointer = requiredText(linesNode, "path", file, field + ".lines.path", problems);
            Map<String, List<String>> lineFields = readFields(linesNode.path("fields"), EntityDefinition.LINE_FIELDS,
                    file, field + ".lines.fields", problems);
            for (String needed : List.of("product_id", "quantity", "unit_price")) {
                if (!lineFields.containsKey(needed)) {
                    problems.add(file, field + ".lines.fields." + needed, "an order line needs " + needed);
                }
            }
            lines = new EntityDefinition.Lines(linesPointer, lineFields);
        }
        String customerSource = null;
        if ("activity".equals(target)) {
            for (String needed : EntityDefinition.ACTIVITY_REQUIRED_FIELDS) {
                if (!fields.containsKey(needed)) {
                    problems.add(file, field + ".fields." + needed, "an activity event needs " + needed);
                }
            }
            customerSource = node.path("customer-source").asString(sourceName);
        } else if (node.has("customer-source")) {
            problems.add(file, field + ".customer-source", "only an activity listing names the source of its customers");
        }
        EntityDefinition.Lines reviews = null;
        if (node.has("reviews")) {
            if (!"product".equals(target)) {
                problems.add(file, field + ".reviews", "only a product listing carries reviews");
            }
            JsonNode reviewsNode = node.path("reviews");
            String reviewsPointer = requiredText(reviewsNode, "path", file, field + ".reviews.path", problems);
            Map<String, List<String>> reviewFields = readFields(reviewsNode.path("fields"),
                    EntityDefinition.REVIEW_FIELDS, file, field + ".reviews.fields", problems);
            reviews = new EntityDefinition.Lines(reviewsPointer, reviewFields);
        }
        String snapshot = node.path("snapshot").asString("partial");
        if (!List.of("full", "partial").contains(snapshot)) {
            problems.add(file, field + ".snapshot", "expected full or partial, got '" + snapshot + "'");
        }
        if ("full".equals(snapshot) && node.path("changes-only").asBoolean(false)) {
            problems.add(file, field + ".changes-only", "a full snapshot is read whole (missing keys count as deleted); "
                    + "drop changes-only or snapshot: full");
        }
        String idPointer = node.path("id").asString("/id");
        pointer(idPointer, file, field + ".id", problems);
        return path == null || target == null ? null : new EntityDefinition(name, path,
                node.path("items-field").asString(null), idPointer, target, required, fields, lines, reviews,
                "full".equals(snapshot), node.path("changes-only").asBoolean(false), incremental, listing,
                customerSource);
    }

    /** An activity listing's customers come from a declared source that lists customers. */
    private void checkCustomerSources(Map<String, SourceDefinition> sources, DefinitionProblems problems) {
        for (SourceDefinition source : sources.values()) {
            for (EntityDefinition entity : source.entities().values()) {
                String customers = entity.customerSource();
                if (customers == null || customers.equals(source.name())) {
                    continue;
                }
                SourceDefinition named = sources.get(customers);
                String field = "entities." + entity.name() + ".customer-source";
                if (named == null) {
                    problems.add(source.file(), field, "unknown source '" + customers + "' (known: "
                            + sources.keySet().stream().sorted().toList() + ")");
                } else if (named.entities().values().stream().noneMatch(e -> e.target().equals("customer"))) {
                    problems.add(source.file(), field, "source '" + customers + "' has no customer listing");
                }
            }
        }
    }

    private EntityDefinition.Listing readListing(JsonNode node, String file, String field, DefinitionProblems problems) {
        if (!node.isObject()) {
            problems.add(file, field, "an html entity needs a listing (paths, extract, ...)");
            return null;
        }
        unknownKeys(node, LISTING_KEYS, file, field + ".", problems);
        List<String> paths = node.path("paths").isArray()
                ? node.path("paths").valueStream().map(JsonNode::asString).toList() : List.of();
        if (paths.isEmpty()) {
            problems.add(file, field + ".paths", "a listing needs at least one page path, such as /dien-thoai");
        }
        String extract = node.path("extract").asString("json-ld");
        if (!EntityDefinition.EXTRACT_MODES.contains(extract)) {
            problems.add(file, field + ".extract", "unknown extraction '" + extract + "' (known: "
                    + EntityDefinition.EXTRACT_MODES + ")");
        }
        if (!extract.equals("json-ld")) {
            requiredText(node, "items", file, field + ".items", problems);
        }
        if (extract.equals("embedded-json")) {
            requiredText(node, "script", file, field + ".script", problems);
            pointer(node.path("items").asString(null), file, field + ".items", problems);
        }
        Map<String, String> cssFields = new LinkedHashMap<>();
        node.path("fields").properties().forEach(e -> cssFields.put(e.getKey(), e.getValue().asString()));
        if (extract.equals("css") && cssFields.isEmpty()) {
            problems.add(file, field + ".fields", "css extraction needs fields mapped to selectors");
        }
        List<String> priceFields = node.path("price-fields").isArray()
                ? node.path("price-fields").valueStream().map(JsonNode::asString).toList() : List.of();
        priceFields.forEach(p -> pointer(p, file, field + ".price-fields", problems));
        int maxPages = node.path("max-pages").asInt(1);
        if (maxPages < 1) {
            problems.add(file, field + ".max-pages", "at least 1");
        }
        return new EntityDefinition.Listing(paths, node.path("page-param").asString(null), maxPages, extract,
                node.path("json-ld-type").asString("Product"), node.path("script").asString(null),
                node.path("items").asString(null), cssFields, priceFields);
    }

    private Map<String, List<String>> readFields(JsonNode node, List<String> known, String file, String field,
                                                 DefinitionProblems problems) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (!known.contains(key)) {
                problems.add(file, field + "." + key, "unknown field '" + key + "' (known: " + known + ")");
                continue;
            }
            List<String> pointers = entry.getValue().isArray()
                    ? entry.getValue().valueStream().map(JsonNode::asString).toList()
                    : List.of(entry.getValue().asString());
            pointers.forEach(p -> pointer(p, file, field + "." + key, problems));
            fields.put(key, pointers);
        }
        return fields;
    }

    private void pointer(String pointer, String file, String field, DefinitionProblems problems) {
        if (pointer == null || !pointer.startsWith("/")) {
            problems.add(file, field, "expected a JSON pointer such as /address/city, got '" + pointer + "'");
        }
    }

    private void unknownKeys(JsonNode node, Set<String> known, String file, String prefix, DefinitionProblems problems) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                problems.add(file, prefix + key, "unknown key (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private String requiredText(JsonNode node, String key, String file, String field, DefinitionProblems problems) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank()) {
            problems.add(file, field, "required");
            return null;
        }
        return value.asString();
    }

    private static String fileName(Resource resource) {
        return resource.getFilename() == null ? resource.getDescription() : resource.getFilename();
    }
}
