package vn.ecomdss.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.Alert;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.JobDefinitions;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: job-lateness}: for every definition with a {@code schedule:}, the first cron slot after its latest
 * COMPLETED execution started (or, before any completed, the first slot the scheduler claimed) is when its next
 * success was due; how long ago that was, if it has passed, is its lateness, against {@code grace} or the job's
 * entry in {@code jobs:}. A job whose schedule an operator paused is not late. A job named in {@code long-lived:}
 * (the streaming pipeline, whose run never completes) is judged by its running execution instead: its lateness is
 * how long ago that execution last made progress (a micro-batch committed), and not running at all is late from
 * the first slot that should have started it.
 */
@Component
class JobLatenessStepFactory implements StepFactory {

    static final Duration GRACE = Duration.ofHours(1);
    private static final Set<String> KEYS = Set.of("grace", "jobs", "long-lived");
    /** The job repository's times are the JVM's local time, as Spring Batch writes them. */
    private static final ZoneId BATCH_CLOCK = ZoneId.systemDefault();
    private static final String LAST_COMPLETED = """
            select i.job_name, max(e.start_time) as started
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            where e.status = 'COMPLETED'
            group by i.job_name
            """;
    /** A running execution's last sign of progress: its latest step's last update. */
    private static final String RUNNING = """
            select i.job_name, max(s.last_updated) as progressed, max(e.start_time) as started
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            join batch_step_execution s on s.job_execution_id = e.job_execution_id
            where e.status in ('STARTING', 'STARTED')
            group by i.job_name
            """;
    private static final String FIRST_SLOT = "select job_name, min(slot) as slot from ops.schedule_fire group by job_name";
    private static final String PAUSED = "select job_name from ops.schedule_state where paused";

    private final SummarisedSteps steps;
    private final ObjectProvider<JobDefinitions> definitions;
    private final JdbcTemplate jdbc;
    private final MonitoringResults results;

    JobLatenessStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           ObjectProvider<JobDefinitions> definitions, JdbcTemplate jdbc, MonitoringResults results) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.definitions = definitions;
        this.jdbc = jdbc;
        this.results = results;
    }

    @Override
    public String type() {
        return "job-lateness";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        MonitorSettings settings = MonitorSettings.checked(step, problems, KEYS);
        settings.duration("grace", GRACE);
        settings.durations("jobs");
        settings.node("long-lived").texts("a list of job names");
        settings.keep();
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        MonitorSettings settings = MonitorSettings.validated(step);
        Duration grace = settings.duration("grace", GRACE);
        Map<String, Duration> byJob = settings.durations("jobs");
        Set<String> longLived = new HashSet<>(settings.node("long-lived").texts("a list of job names"));
        Duration keep = settings.keep();
        return steps.step(step.name(), (run, contribution, execution) -> {
            Instant at = MonitorSettings.measuredAt(execution);
            Map<String, Instant> lastCompleted = new HashMap<>();
            jdbc.query(LAST_COMPLETED, rs -> {
                lastCompleted.put(rs.getString("job_name"),
                        rs.getObject("started", LocalDateTime.class).atZone(BATCH_CLOCK).toInstant());
            });
            Map<String, Instant> firstSlot = new HashMap<>();
            jdbc.query(FIRST_SLOT, rs -> {
                firstSlot.put(rs.getString("job_name"), rs.getObject("slot", OffsetDateTime.class).toInstant());
            });
            Set<String> paused = new HashSet<>(jdbc.queryForList(PAUSED, String.class));
            Map<String, Instant> progressed = new HashMap<>();
            jdbc.query(RUNNING, rs -> {
                LocalDateTime last = rs.getObject("progressed", LocalDateTime.class);
                progressed.put(rs.getString("job_name"), (last != null ? last
                        : rs.getObject("started", LocalDateTime.class)).atZone(BATCH_CLOCK).toInstant());
            });
            List<Measurement> figures = new ArrayList<>();
            for (JobDefinition scheduled : definitions.getObject().all()) {
                if (scheduled.schedule() != null && longLived.contains(scheduled.name())
                        && progressed.containsKey(scheduled.name())) {
                    figures.add(progress(scheduled.name(), progressed.get(scheduled.name()),
                            byJob.getOrDefault(scheduled.name(), grace), at));
                } else if (scheduled.schedule() != null) {
                    figures.add(lateness(scheduled, lastCompleted.get(scheduled.name()),
                            firstSlot.get(scheduled.name()), paused.contains(scheduled.name()),
                            byJob.getOrDefault(scheduled.name(), grace), at));
                }
            }
            figures.sort(Comparator.comparing(Measurement::subject));
            return results.record(Measurement.JOB_LATENESS, figures, at, job.name(), run.runId(),
                    Alert.Kind.LATENESS, keep);
        });
    }

    /** A long-lived job's running execution: late by the time since it last made progress. */
    static Measurement progress(String job, Instant lastProgress, Duration grace, Instant at) {
        double threshold = MonitorSettings.seconds(grace);
        double late = Math.max(0, MonitorSettings.seconds(Duration.between(lastProgress, at)));
        boolean alert = late > threshold;
        return new Measurement(Measurement.JOB_LATENESS, "job", job, null, null, late, threshold, alert,
                String.format("running; last progress at %s, %.0f s ago, %s the grace of %.0f s (%s)", lastProgress,
                        late, alert ? "above" : "within", threshold, grace));
    }

    static Measurement lateness(JobDefinition job, Instant lastCompleted, Instant firstSlot, boolean paused,
                                Duration grace, Instant at) {
        double threshold = MonitorSettings.seconds(grace);
        String name = job.name();
        Optional<Instant> due = lastCompleted != null ? nextFire(job.schedule(), lastCompleted)
                : Optional.ofNullable(firstSlot);
        if (due.isEmpty()) {
            return new Measurement(Measurement.JOB_LATENESS, "job", name, null, null, null, threshold, false,
                    "no completed run and no scheduled launch yet");
        }
        double late = Math.max(0, MonitorSettings.seconds(Duration.between(due.get(), at)));
        String since = lastCompleted != null ? "the first slot of '" + job.schedule().cron() + "' after the latest "
                + "completed run, started " + lastCompleted : "the first slot the scheduler claimed, none completed";
        if (paused) {
            return new Measurement(Measurement.JOB_LATENESS, "job", name, null, null, 0.0, threshold, false,
                    "schedule paused by an operator; due at " + due.get() + " (" + since + ")");
        }
        boolean alert = late > threshold;
        return new Measurement(Measurement.JOB_LATENESS, "job", name, null, null, late, threshold, alert,
                String.format("%s: due at %s (%s), %.0f s late, %s the grace of %.0f s (%s)",
                        late == 0 ? "not due yet" : "no completed run since its due slot", due.get(), since, late,
                        alert ? "above" : "within", threshold, grace));
    }

    private static Optional<Instant> nextFire(JobDefinition.Schedule schedule, Instant after) {
        ZonedDateTime next = CronExpression.parse(schedule.cron()).next(after.atZone(schedule.zone()));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }
}
