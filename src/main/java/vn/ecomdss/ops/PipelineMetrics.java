package vn.ecomdss.ops;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.StepDefinition;

/**
 * The pipeline's figures as Prometheus sees them, read from the job repository and the quality tables, so a
 * server reports the runs of every process on its database (a scheduled run, a {@code run} from the command
 * line): per-source extraction duration and throughput of the latest extraction, rows loaded by the latest
 * load steps, the latest quality score per stage, and each job's last outcome, last success and next due slot.
 */
@Component
public class PipelineMetrics implements MeterBinder {

    private static final long REFRESH_MILLIS = 5_000;
    private static final ZoneId BATCH_CLOCK = ZoneId.systemDefault();

    private record StepFigures(double seconds, long written) {
    }

    private record JobFigures(String lastStatus, LocalDateTime lastStart, LocalDateTime lastSuccess) {
    }

    private record Snapshot(long takenAt, Map<String, StepFigures> steps, Map<String, JobFigures> jobs,
                            Map<String, Double> quality) {
    }

    private final JdbcTemplate jdbc;
    private final JobCatalogue catalogue;
    private final ScheduleBook schedules;
    private final Instant startedAt = Instant.now();
    private volatile Snapshot snapshot = new Snapshot(0, Map.of(), Map.of(), Map.of());

    public PipelineMetrics(JdbcTemplate jdbc, JobCatalogue catalogue, ScheduleBook schedules) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.schedules = schedules;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobDefinition job : catalogue.definitions().values()) {
            for (StepDefinition step : job.steps()) {
                String key = job.name() + "/" + step.name();
                switch (step.type()) {
                    case "extract" -> {
                        String source = step.text("source", step.name());
                        gauge(registry, "etl_extraction_duration_seconds", "Duration of the latest extraction of a source",
                                s -> figure(s, key).seconds(), "job_name", job.name(), "source", source);
                        gauge(registry, "etl_extraction_throughput_records_per_second",
                                "Records per second of the latest extraction of a source",
                                s -> throughput(figure(s, key)), "job_name", job.name(), "source", source);
                    }
                    case "scd2", "facts" -> gauge(registry, "etl_rows_loaded",
                            "Rows written by the latest completed execution of a load step",
                            s -> figure(s, key).written(), "job_name", job.name(), "step", step.name());
                    default -> {
                    }
                }
            }
            String name = job.name();
            gauge(registry, "etl_job_last_execution_failed", "1 when the job's latest execution failed",
                    s -> jobFigures(s, name).lastStatus() == null ? Double.NaN
                            : "FAILED".equals(jobFigures(s, name).lastStatus()) ? 1 : 0, "job_name", name);
            gauge(registry, "etl_job_last_success_timestamp_seconds", "When the job last completed",
                    s -> epoch(jobFigures(s, name).lastSuccess()), "job_name", name);
            if (job.schedule() != null) {
                gauge(registry, "etl_job_next_due_timestamp_seconds",
                        "The first cron slot after the job's latest start: in the past means the job is late",
                        s -> nextDue(job, jobFigures(s, name).lastStart()), "job_name", name);
                gauge(registry, "etl_schedule_paused", "1 when an operator paused the job's schedule",
                        s -> schedules.paused(name) ? 1 : 0, "job_name", name);
            }
        }
        for (String stage : new String[] {"raw", "final"}) {
            gauge(registry, "etl_quality_score", "Latest data quality score of a stage (0..1)",
                    s -> s.quality().getOrDefault(stage, Double.NaN), "stage", stage);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value,
                       String... tags) {
        Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.current()))
                .description(description).tags(tags).register(registry);
    }

    private Snapshot current() {
        Snapshot taken = snapshot;
        if (System.currentTimeMillis() - taken.takenAt() > REFRESH_MILLIS) {
            taken = read();
            snapshot = taken;
        }
        return taken;
    }

    private Snapshot read() {
        Map<String, StepFigures> steps = new HashMap<>();
        jdbc.query("""
                select distinct on (i.job_name, s.step_name) i.job_name, s.step_name, s.write_count,
                       extract(epoch from (s.end_time - s.start_time))::float8 as seconds
                from batch_step_execution s
                join batch_job_execution e on e.job_execution_id = s.job_execution_id
                join batch_job_instance i on i.job_instance_id = e.job_instance_id
                where s.status = 'COMPLETED' and coalesce(s.exit_message, '') not like '%skipped: source not in%'
                order by i.job_name, s.step_name, s.step_execution_id desc
                """, rs -> {
            steps.put(rs.getString("job_name") + "/" + rs.getString("step_name"),
                    new StepFigures(rs.getDouble("seconds"), rs.getLong("write_count")));
        });
        Map<String, JobFigures> jobs = new HashMap<>();
        jdbc.query("""
                select i.job_name,
                       (array_agg(e.status order by e.job_execution_id desc))[1] as last_status,
                       max(e.start_time) as last_start,
                       max(e.end_time) filter (where e.status = 'COMPLETED') as last_success
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id
                group by i.job_name
                """, rs -> {
            jobs.put(rs.getString("job_name"), new JobFigures(rs.getString("last_status"),
                    rs.getObject("last_start", LocalDateTime.class), rs.getObject("last_success", LocalDateTime.class)));
        });
        Map<String, Double> quality = new HashMap<>();
        jdbc.query("select distinct on (stage) stage, score::float8 from dq.run_score order by stage, scored_at desc",
                rs -> {
                    quality.put(rs.getString(1), rs.getDouble(2));
                });
        return new Snapshot(System.currentTimeMillis(), steps, jobs, quality);
    }

    private static StepFigures figure(Snapshot snapshot, String key) {
        return snapshot.steps().getOrDefault(key, new StepFigures(Double.NaN, 0));
    }

    private static double throughput(StepFigures figures) {
        return Double.isNaN(figures.seconds()) ? Double.NaN : figures.written() / Math.max(figures.seconds(), 0.001);
    }

    private static JobFigures jobFigures(Snapshot snapshot, String job) {
        return snapshot.jobs().getOrDefault(job, new JobFigures(null, null, null));
    }

    private double nextDue(JobDefinition job, LocalDateTime lastStart) {
        Instant from = lastStart == null ? startedAt : lastStart.atZone(BATCH_CLOCK).toInstant();
        return ScheduleBook.nextFire(job.schedule(), from).map(t -> t.toEpochSecond()).map(Long::doubleValue)
                .orElse(Double.NaN);
    }

    private static double epoch(LocalDateTime time) {
        return time == null ? Double.NaN : time.atZone(BATCH_CLOCK).toEpochSecond();
    }
}
