package vn.ecomdss.ops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import vn.ecomdss.pipeline.JobDefinition;

/**
 * What the database knows about schedules: whether an operator paused one, and which instance claimed which
 * cron slot. Shared by every server instance on the same database.
 */
@Component
public class ScheduleBook {

    private final JdbcTemplate jdbc;

    public ScheduleBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean paused(String job) {
        return Boolean.TRUE.equals(jdbc.query("select paused from ops.schedule_state where job_name = ?",
                rs -> rs.next() ? rs.getBoolean(1) : false, job));
    }

    public void setPaused(String job, boolean paused, String by) {
        jdbc.update("""
                insert into ops.schedule_state (job_name, paused, changed_by) values (?, ?, ?)
                on conflict (job_name) do update set paused = excluded.paused, changed_by = excluded.changed_by,
                                                     changed_at = now()
                """, job, paused, by);
    }

    /** The next time the job's cron fires after {@code after}, in the schedule's zone. */
    public static Optional<ZonedDateTime> nextFire(JobDefinition.Schedule schedule, Instant after) {
        if (schedule == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(CronExpression.parse(schedule.cron()).next(after.atZone(schedule.zone())));
    }

    /** True when this instance is the first to claim the slot, and so the one to launch it. */
    public boolean claim(String job, Instant slot, String instance) {
        return jdbc.update("""
                insert into ops.schedule_fire (job_name, slot, instance) values (?, ?, ?)
                on conflict (job_name, slot) do nothing
                """, job, OffsetDateTime.ofInstant(slot, java.time.ZoneOffset.UTC), instance) == 1;
    }

    public void settle(String job, Instant slot, String outcome, Long executionId) {
        jdbc.update("update ops.schedule_fire set outcome = ?, execution_id = ? where job_name = ? and slot = ?",
                outcome, executionId, job, OffsetDateTime.ofInstant(slot, java.time.ZoneOffset.UTC));
    }
}
