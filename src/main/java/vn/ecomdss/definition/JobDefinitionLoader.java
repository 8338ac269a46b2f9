package vn.ecomdss.definition;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.scheduling.support.CronExpression;
import tools.jackson.databind.JsonNode;
import vn.ecomdss.pipeline.DefinitionFile;
import vn.ecomdss.pipeline.DefinitionNode;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RetryPolicy;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * Reads the job files at the top of {@code job-definitions/}: each job's steps (every type in the step catalogue,
 * validated by its factory, the {@code depends-on} a DAG without cycles), its schedule and its quality thresholds.
 * A job that {@code extends} another runs that job's steps first, with its quality thresholds and alerting unless it
 * declares its own, and adds its steps after them; they may depend on the extended job's steps by name. That is how
 * {@code comprehensive_ecommerce_dss} is the daily ETL plus what the decisions need, without a copy of the ETL.
 */
final class JobDefinitionLoader {

    private static final Set<String> JOB_KEYS = Set.of("job", "description", "schedule", "quality", "alerts",
            "date-partitioned", "steps", "extends");
    private static final Set<String> ALERT_KEYS = Set.of("channels", "email-to", "quiet-period", "email-on-failure");
    private static final Set<String> STEP_KEYS = Set.of("name", "type", "depends-on");
    private static final Set<String> QUALITY_KEYS = Set.of("raw-max-failed-ratio", "final-min-score",
            "min-completeness", "max-duplicate-ratio", "min-accuracy", "max-age");

    private final Map<String, StepFactory> catalogue;
    private final SourceCatalogue sources;
    private final DefinitionProblems problems;

    JobDefinitionLoader(Map<String, StepFactory> catalogue, SourceCatalogue sources, DefinitionProblems problems) {
        this.catalogue = catalogue;
        this.sources = sources;
        this.problems = problems;
    }

    /** A job as its file declares it, before the job it extends (if any) is put in front of its steps. */
    private record Declared(JobDefinition job, String extendsJob, boolean ownQuality, boolean ownAlerts) {
    }

    List<JobDefinition> load(String location) {
        Map<String, Declared> declared = new LinkedHashMap<>();
        for (DefinitionFile file : DefinitionFile.in(location, "")) {
            Declared job = readJob(file);
            if (job != null && declared.putIfAbsent(job.job().name(), job) != null) {
                problems.add(job.job().file(), "job", "duplicate job name '" + job.job().name() + "'");
            }
        }
        List<JobDefinition> jobs = new ArrayList<>();
        Map<String, Optional<JobDefinition>> resolvedJobs = new HashMap<>();
        for (Declared job : declared.values()) {
            JobDefinition resolved = resolve(job, declared, resolvedJobs, new ArrayList<>());
            if (resolved != null) {
                checkDependencies(resolved.steps(), job.job().file());
                jobs.add(resolved);
            }
        }
        return List.copyOf(jobs);
    }

    /**
     * The job with the steps of the jobs it extends in front of its own; null once a problem is reported. Each job is
     * resolved once ({@code resolved}), so a problem of a job that others extend is reported once.
     */
    private JobDefinition resolve(Declared declared, Map<String, Declared> all,
                                  Map<String, Optional<JobDefinition>> resolved, List<String> path) {
        Optional<JobDefinition> known = resolved.get(declared.job().name());
        if (known != null) {
            return known.orElse(null);
        }
        JobDefinition job = extend(declared, all, resolved, path);
        resolved.put(declared.job().name(), Optional.ofNullable(job));
        return job;
    }

    private JobDefinition extend(Declared declared, Map<String, Declared> all,
                                 Map<String, Optional<JobDefinition>> resolved, List<String> path) {
        JobDefinition job = declared.job();
        if (declared.extendsJob() == null) {
            return job;
        }
        path.add(job.name());
        Declared base = all.get(declared.extendsJob());
        if (base == null) {
            problems.add(job.file(), "extends", "job '" + job.name() + "' extends unknown job '"
                    + declared.extendsJob() + "' (known: " + all.keySet().stream().sorted().toList() + ")");
            return null;
        }
        if (path.contains(base.job().name())) {
            problems.add(job.file(), "extends", "jobs extend each other in a circle: " + String.join(" -> ", path)
                    + " -> " + base.job().name());
            return null;
        }
        JobDefinition resolvedBase = resolve(base, all, resolved, path);
        if (resolvedBase == null) {
            return null;
        }
        List<StepDefinition> steps = new ArrayList<>(resolvedBase.steps());
        Set<String> inherited = new HashSet<>();
        resolvedBase.steps().forEach(step -> inherited.add(step.name()));
        for (StepDefinition step : job.steps()) {
            if (inherited.contains(step.name())) {
                problems.add(step.file(), step.field() + ".name", "step '" + step.name() + "' is already a step of '"
                        + resolvedBase.name() + "', which this job extends");
            } else {
                steps.add(step);
            }
        }
        return new JobDefinition(job.file(), job.name(), job.description(), job.schedule(),
                declared.ownQuality() ? job.quality() : resolvedBase.quality(),
                declared.ownAlerts() ? job.alerts() : resolvedBase.alerts(), job.datePartitioned(), List.copyOf(steps));
    }

    private Declared readJob(DefinitionFile file) {
        DefinitionNode root = file.root("expected a mapping at the top of the file", problems);
        if (root == null) {
            return null;
        }
        root.allowOnly(JOB_KEYS);
        String name = root.get("job").requiredText();
        String extendsJob = root.get("extends").text(null);
        JobDefinition.Schedule schedule = readSchedule(root.get("schedule"));
        JobDefinition.QualityThresholds quality = readQuality(root.get("quality"));
        JobDefinition.Alerting alerts = readAlerts(root.get("alerts"));
        List<StepDefinition> steps = new ArrayList<>();
        DefinitionNode stepNodes = root.get("steps");
        if (!stepNodes.isNonEmptyList()) {
            stepNodes.problem(extendsJob == null ? "a job needs a non-empty list of steps"
                    : "a job that extends another adds a non-empty list of steps");
        } else {
            Set<String> seen = new HashSet<>();
            for (DefinitionNode node : stepNodes.items()) {
                StepDefinition step = readStep(node);
                if (step == null) {
                    continue;
                }
                if (!seen.add(step.name())) {
                    node.get("name").problem("duplicate step name '" + step.name() + "'");
                    continue;
                }
                StepFactory factory = catalogue.get(step.type());
                if (factory == null) {
                    node.get("type").problem("unknown step type '" + step.type() + "' (known: "
                            + String.join(", ", catalogue.keySet().stream().sorted().toList()) + ")");
                } else {
                    factory.validate(step, sources, problems);
                }
                steps.add(step);
            }
        }
        String description = root.get("description").text("");
        boolean datePartitioned = root.get("date-partitioned").oneOf(List.of("true", "false"), "false", "true or false")
                .equals("true");
        return name == null ? null
                : new Declared(new JobDefinition(file.name(), name, description, schedule, quality, alerts,
                        datePartitioned, List.copyOf(steps)), extendsJob, !root.get("quality").isAbsent(),
                        !root.get("alerts").isAbsent());
    }

    private StepDefinition readStep(DefinitionNode node) {
        if (!node.isMapping()) {
            node.problem("a step is a mapping with name and type");
            return null;
        }
        String name = node.get("name").requiredText();
        String type = node.get("type").requiredText();
        List<String> dependsOn = node.get("depends-on").texts("expected a step name or a list of step names");
        Map<String, JsonNode> params = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            if (!STEP_KEYS.contains(key)) {
                params.put(key, value.json());
            }
        });
        if (name == null || type == null) {
            return null;
        }
        checkRetry(node);
        return new StepDefinition(name, type, dependsOn, Map.copyOf(params), node.file(), node.field());
    }

    /** {@code retries} and {@code retry-delay}, which every step may declare whatever its type. */
    private static void checkRetry(DefinitionNode step) {
        step.get(RetryPolicy.RETRIES).integer(0, 0, RetryPolicy.MAX_RETRIES);
        DefinitionNode delay = step.get(RetryPolicy.RETRY_DELAY);
        if (delay.duration(Duration.ZERO).isNegative()) {
            delay.problem("a retry delay is PT0S or more, got '" + delay.text("") + "'");
        }
    }

    /** Every depends-on names a step of the same job, and following them never comes back (no cycle). */
    private void checkDependencies(List<StepDefinition> steps, String file) {
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

    private JobDefinition.Schedule readSchedule(DefinitionNode node) {
        if (node.isAbsent()) {
            return null;
        }
        String cron = node.get("cron").text(null);
        String zoneText = node.get("zone").text("Asia/Ho_Chi_Minh");
        ZoneId zone = null;
        try {
            zone = ZoneId.of(zoneText);
        } catch (RuntimeException e) {
            node.get("zone").problem("unknown time zone '" + zoneText + "'");
        }
        if (cron == null || cron.isBlank()) {
            node.get("cron").problem("a schedule needs a cron expression");
            return null;
        }
        // An Airflow cron has five fields; Spring's has a leading seconds field.
        String springCron = cron.trim().split("\\s+").length == 5 ? "0 " + cron.trim() : cron.trim();
        try {
            CronExpression.parse(springCron);
        } catch (IllegalArgumentException e) {
            node.get("cron").problem("bad cron '" + cron + "': " + e.getMessage());
            return null;
        }
        return new JobDefinition.Schedule(springCron, zone);
    }

    private JobDefinition.QualityThresholds readQuality(DefinitionNode node) {
        JobDefinition.QualityThresholds defaults = JobDefinition.QualityThresholds.defaults();
        if (node.isAbsent()) {
            return defaults;
        }
        node.allowOnly(QUALITY_KEYS);
        return new JobDefinition.QualityThresholds(
                node.get("raw-max-failed-ratio").ratio(defaults.rawMaxFailedRatio()),
                node.get("final-min-score").ratio(defaults.finalMinScore()),
                node.get("min-completeness").ratio(defaults.minCompleteness()),
                node.get("max-duplicate-ratio").ratio(defaults.maxDuplicateRatio()),
                node.get("min-accuracy").ratio(defaults.minAccuracy()),
                node.get("max-age").duration(defaults.maxAge()));
    }

    private JobDefinition.Alerting readAlerts(DefinitionNode node) {
        JobDefinition.Alerting defaults = JobDefinition.Alerting.defaults();
        if (node.isAbsent()) {
            return defaults;
        }
        node.allowOnly(ALERT_KEYS);
        List<String> channels = new ArrayList<>();
        DefinitionNode channelNodes = node.get("channels");
        if (channelNodes.isAbsent()) {
            channels.addAll(defaults.channels());
        } else {
            for (DefinitionNode channel : channelNodes.items()) {
                String name = channel.known(JobDefinition.Alerting.CHANNELS, null, "alert channel");
                if (JobDefinition.Alerting.CHANNELS.contains(name)) {
                    channels.add(name);
                }
            }
        }
        List<String> emailTo = node.get("email-to").texts("a list of e-mail addresses");
        boolean emailOnFailure = node.get("email-on-failure").oneOf(List.of("true", "false"),
                String.valueOf(channels.contains(JobDefinition.Alerting.EMAIL)), "true or false").equals("true");
        if ((channels.contains(JobDefinition.Alerting.EMAIL) || emailOnFailure) && emailTo.isEmpty()) {
            node.get("email-to").problem("the email channel needs at least one recipient");
        }
        return new JobDefinition.Alerting(List.copyOf(channels), List.copyOf(emailTo),
                node.get("quiet-period").duration(defaults.quietPeriod()), emailOnFailure);
    }
}
