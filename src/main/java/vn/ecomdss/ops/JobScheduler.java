package vn.ecomdss.ops;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Launches each job on its definition's cron, in the schedule's zone. A slot is launched by the one instance
 * that claims it in {@code ops.schedule_fire}, so servers sharing a database fire it once. A paused schedule,
 * or a job still running, skips the slot; missed slots are not caught up (as the original DAG's
 * {@code catchup=False}): after a stall the schedule resumes from the next slot after now.
 */
@Component
@ConditionalOnBooleanProperty("dss.scheduler.enabled")
public class JobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    /** How late a slot may still be launched; anything later counts as missed. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final DateTimeFormatter SLOT_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /** One slot this instance tried to fire, and what became of it. */
    public record Attempt(String job, Instant slot, boolean claimed, String outcome) {
    }

    private final JobCatalogue catalogue;
    private final ScheduleBook schedules;
    private final JobControl control;
    private final String instance;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private volatile ThreadPoolTaskScheduler timer;

    public JobScheduler(JobCatalogue catalogue, ScheduleBook schedules, JobControl control) {
        this.catalogue = catalogue;
        this.schedules = schedules;
        this.control = control;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "#" + Integer.toHexString(hashCode());
    }

    @Override
    public void start() {
        timer = new ThreadPoolTaskScheduler();
        timer.setPoolSize(2);
        timer.setThreadNamePrefix("scheduler-");
        timer.initialize();
        for (JobDefinition definition : catalogue.definitions().values()) {
            if (definition.schedule() != null) {
                planAfter(definition, Instant.now());
                log.info("Scheduled {} on '{}' ({}), next at {}", definition.name(), definition.schedule().cron(),
                        definition.schedule().zone(), ScheduleBook.nextFire(definition.schedule(), Instant.now())
                                .map(ZonedDateTime::toString).orElse("never"));
            }
        }
    }

    private void planAfter(JobDefinition definition, Instant after) {
        ScheduleBook.nextFire(definition.schedule(), after).ifPresent(next -> {
            Instant slot = next.toInstant();
            timer.schedule(() -> fire(definition, slot), slot);
        });
    }

    private void fire(JobDefinition definition, Instant slot) {
        try {
            Instant now = Instant.now();
            if (now.isAfter(slot.plus(GRACE))) {
                record(definition.name(), slot, false, "missed: the timer ran " + Duration.between(slot, now));
            } else if (schedules.paused(definition.name())) {
                record(definition.name(), slot, false, "skipped: schedule paused");
            } else if (!schedules.claim(definition.name(), slot, instance)) {
                record(definition.name(), slot, false, "claimed by another instance");
            } else {
                launch(definition, slot);
            }
        } catch (RuntimeException e) {
            log.error("Schedule of {} failed at slot {}: {}", definition.name(), slot, e.getMessage(), e);
        } finally {
            if (timer != null) {
                planAfter(definition, later(slot, Instant.now()));
            }
        }
    }

    private void launch(JobDefinition definition, Instant slot) {
        ZonedDateTime local = slot.atZone(definition.schedule().zone());
        Map<String, String> parameters = Map.of(
                RunParameters.RUN_ID, definition.name() + "-scheduled-" + SLOT_ID.format(local),
                RunParameters.LOGICAL_DATE, local.toLocalDate().toString());
        try {
            JobExecution execution = control.launch(definition.name(), parameters, "scheduler@" + instance);
            schedules.settle(definition.name(), slot, "launched", execution.getId());
            record(definition.name(), slot, true, "launched execution " + execution.getId());
        } catch (OperationRefusedException e) {
            schedules.settle(definition.name(), slot, "skipped: " + e.getMessage(), null);
            record(definition.name(), slot, true, "skipped: " + e.getMessage());
        }
    }

    private void record(String job, Instant slot, boolean claimed, String outcome) {
        attempts.add(new Attempt(job, slot, claimed, outcome));
        log.info("Schedule {} slot {}: {}", job, slot, outcome);
    }

    /** The next slot is planned from the one just fired, or from now when the timer fell behind. */
    private static Instant later(Instant slot, Instant now) {
        return now.isAfter(slot.plus(GRACE)) ? now : slot;
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    public String instance() {
        return instance;
    }

    @Override
    public void stop() {
        ThreadPoolTaskScheduler stopping = timer;
        timer = null;
        if (stopping != null) {
            stopping.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
