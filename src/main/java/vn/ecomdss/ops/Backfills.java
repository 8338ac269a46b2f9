package vn.ecomdss.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Runs a job once per logical date of a range, in date order, at most {@code concurrency} at a time, through
 * {@link JobControl} like any launch. Each date's run has the run_id {@code <job>-backfill-<date>}, so a backfill
 * finds what an earlier one did in the job repository: a date whose run COMPLETED is skipped, one that FAILED or
 * was STOPPED is restarted from its failed step, one with no run is launched. A date's run that fails does not stop
 * the others; a second backfill of the range restarts it.
 *
 * <p>A backfill is a row of {@code ops.backfill}, driven by one process at a time: the process holds a PostgreSQL
 * advisory lock on the row's id for as long as it drives it, released by the database when the process dies. A
 * second request for the same range while that lock is held is refused; otherwise it resumes the row, and a server
 * starting up resumes every row left RUNNING whose lock is free (see {@link #resumeInterrupted}).
 *
 * <p>Runs of dates side by side must not share data: only a job whose definition declares
 * {@code date-partitioned: true} may be backfilled with a concurrency above 1.
 */
@Component
public class Backfills {

    private static final Logger log = LoggerFactory.getLogger(Backfills.class);
    /** First half of the advisory-lock key: "BKF" in ASCII, beside {@link ExecutionLease}'s "DSS". */
    private static final int LOCK_SPACE = 0x424B46;
    public static final int MAX_CONCURRENCY = 8;
    public static final int MAX_DATES = 1000;
    private static final Duration BUSY_POLL = Duration.ofSeconds(1);
    private static final Set<String> KEYS = Set.of("from", "to", "concurrency");

    /** A backfill as requested: the job, the dates from {@code from} to {@code to} inclusive, how many at once. */
    public record Request(String job, LocalDate from, LocalDate to, int concurrency) {
    }

    /** One date of a backfill: its run and that run's latest execution (none yet: null), and how many it had. */
    public record DateRun(LocalDate logicalDate, String runId, Long executionId, String status, long executions) {
    }

    /** A backfill and where each of its dates stands; {@code counts} holds the dates per status ({@code NONE}: not run). */
    public record Progress(long id, String job, LocalDate from, LocalDate to, int concurrency, String state,
                           String requestedBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                           Map<String, Long> counts, List<DateRun> dates) {
    }

    private static final String CLAIM = """
            insert into ops.backfill (job_name, from_date, to_date, concurrency, state, requested_by)
            values (?, ?, ?, ?, 'RUNNING', ?)
            on conflict (job_name, from_date, to_date)
            do update set concurrency = excluded.concurrency, state = 'RUNNING', requested_by = excluded.requested_by,
                          updated_at = now()
            returning id
            """;

    private static final String ROW = """
            select id, job_name, from_date, to_date, concurrency, state, requested_by, created_at, updated_at
            from ops.backfill
            """;

    /** Each date's latest execution of its backfill run, and how many executions that run has had. */
    private static final String DATES = """
            select d::date as logical_date, last.job_execution_id, last.status, coalesce(last.executions, 0) as executions
            from generate_series(cast(? as date), cast(? as date), interval '1 day') d
            left join lateral (
                select e.job_execution_id, e.status, count(*) over () as executions
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id
                join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                where i.job_name = ? and p.parameter_name = 'run_id'
                  and p.parameter_value = ? || to_char(d, 'YYYY-MM-DD')
                order by e.job_execution_id desc
                limit 1) last on true
            order by d
            """;

    private final JobControl control;
    private final JobCatalogue catalogue;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final SimpleAsyncTaskExecutor drivers = new SimpleAsyncTaskExecutor("backfill-");

    public Backfills(JobControl control, JobCatalogue catalogue, AuditLog audit, JdbcTemplate jdbc,
                     DataSource dataSource) {
        this.control = control;
        this.catalogue = catalogue;
        this.audit = audit;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The run_id of a date's run in a backfill of the job. */
    public static String runId(String job, LocalDate date) {
        return runIdPrefix(job) + date;
    }

    private static String runIdPrefix(String job) {
        return job + "-backfill-";
    }

    /**
     * Checks a request given as {@code from=YYYY-MM-DD to=YYYY-MM-DD [concurrency=N]}, as the command line and the
     * admin API take it; a refusal names the field.
     */
    Request request(String job, Map<String, String> requested) {
        if (catalogue.definition(job).isEmpty()) {
            throw OperationRefusedException.notFound("job", job);
        }
        Set<String> unknown = new TreeSet<>(requested.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            String field = unknown.iterator().next();
            throw OperationRefusedException.badParameter(field, "unknown backfill parameter '" + field + "' (known: "
                    + new TreeSet<>(KEYS) + ")");
        }
        LocalDate from = date("from", requested.get("from"));
        LocalDate to = date("to", requested.get("to"));
        if (to.isBefore(from)) {
            throw OperationRefusedException.badParameter("to", "to (" + to + ") is before from (" + from + ")");
        }
        long dates = ChronoUnit.DAYS.between(from, to) + 1;
        if (dates > MAX_DATES) {
            throw OperationRefusedException.badParameter("to", "a backfill covers at most " + MAX_DATES
                    + " dates, got " + dates + " from " + from + " to " + to);
        }
        int concurrency = concurrency(requested.get("concurrency"));
        if (concurrency > 1 && !control.datePartitioned(job)) {
            throw OperationRefusedException.badParameter("concurrency", "job " + job + " backfills one date at a "
                    + "time: its definition does not declare date-partitioned: true, so runs of two dates side by "
                    + "side would share its loads' state (watermarks, staging, dimension versions) and could count "
                    + "data twice; use concurrency=1");
        }
        return new Request(job, from, to, concurrency);
    }

    /**
     * Starts or resumes the backfill of a range ({@code from}, {@code to}, {@code concurrency}, see
     * {@link #request}), audited whether carried out or refused. In the background the call returns at once with
     * the backfill's progress; in the foreground once every date has been tried.
     */
    public Progress start(String job, Map<String, String> requested, String actor, JobControl.Mode mode) {
        String target = "backfill " + job + " " + requested.get("from") + ".." + requested.get("to");
        try {
            Request request = request(job, requested);
            Optional<Long> existing = jdbc.query(ROW + "where job_name = ? and from_date = ? and to_date = ?",
                    (rs, i) -> rs.getLong("id"), request.job(), request.from(), request.to()).stream().findFirst();
            Connection lock = existing.map(this::tryLock).orElse(null);
            if (existing.isPresent() && lock == null) {
                throw OperationRefusedException.conflict("backfill " + existing.get() + " of " + request.job() + " from "
                        + request.from() + " to " + request.to() + " is already running; follow it with GET "
                        + "/api/v1/jobs/" + request.job() + "/backfill/" + existing.get(),
                        Map.of("state", "RUNNING", "backfillId", existing.get()));
            }
            Long id = jdbc.queryForObject(CLAIM, Long.class, request.job(), request.from(), request.to(),
                    request.concurrency(), actor);
            if (lock == null) {
                lock = tryLock(id);
                if (lock == null) {
                    throw OperationRefusedException.conflict("backfill " + id + " was claimed by another process "
                            + "at the same moment", Map.of("state", "RUNNING", "backfillId", id));
                }
            }
            audit.record(actor, "backfill", target, "accepted", "backfill " + id + ", concurrency "
                    + request.concurrency());
            Connection held = lock;
            if (mode == JobControl.Mode.FOREGROUND) {
                drive(id, request, actor, held);
            } else {
                drivers.execute(() -> drive(id, request, actor, held));
            }
            return progress(id).orElseThrow();
        } catch (OperationRefusedException e) {
            audit.record(actor, "backfill", target, "refused " + e.status().value(), e.getMessage());
            throw e;
        }
    }

    /** Resumes, in the background, every backfill left RUNNING by a process that is gone (its lock is free). */
    public List<Long> resumeInterrupted() {
        List<Long> resumed = new ArrayList<>();
        List<Map.Entry<Long, Request>> rows = jdbc.query(ROW + "where state = 'RUNNING' order by id", (rs, i) ->
                Map.entry(rs.getLong("id"), new Request(rs.getString("job_name"),
                        rs.getObject("from_date", LocalDate.class), rs.getObject("to_date", LocalDate.class),
                        rs.getInt("concurrency"))));
        for (Map.Entry<Long, Request> row : rows) {
            if (catalogue.definition(row.getValue().job()).isEmpty()) {
                log.warn("Backfill {} is of job {}, which no definition declares any more; left as it is",
                        row.getKey(), row.getValue().job());
                continue;
            }
            Connection lock = tryLock(row.getKey());
            if (lock != null) {
                log.info("Resuming backfill {} of {} from {} to {}, left running by a process that is gone",
                        row.getKey(), row.getValue().job(), row.getValue().from(), row.getValue().to());
                audit.record("backfill", "backfill", "backfill " + row.getValue().job() + " " + row.getValue().from()
                        + ".." + row.getValue().to(), "accepted", "resumed backfill " + row.getKey());
                drivers.execute(() -> drive(row.getKey(), row.getValue(), "backfill", lock));
                resumed.add(row.getKey());
            }
        }
        return resumed;
    }

    public Optional<Progress> progress(long id) {
        record Row(long id, String job, LocalDate from, LocalDate to, int concurrency, String state, String by,
                   OffsetDateTime created, OffsetDateTime updated) {
        }
        Optional<Row> row = jdbc.query(ROW + "where id = ?", (rs, i) -> new Row(rs.getLong("id"),
                rs.getString("job_name"), rs.getObject("from_date", LocalDate.class),
                rs.getObject("to_date", LocalDate.class), rs.getInt("concurrency"), rs.getString("state"),
                rs.getString("requested_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class)), id).stream().findFirst();
        return row.map(r -> {
            List<DateRun> dates = dates(r.job(), r.from(), r.to());
            Map<String, Long> counts = new TreeMap<>();
            dates.forEach(d -> counts.merge(d.status() == null ? "NONE" : d.status(), 1L, Long::sum));
            return new Progress(r.id(), r.job(), r.from(), r.to(), r.concurrency(), r.state(), r.by(), r.created(),
                    r.updated(), counts, dates);
        });
    }

    /** The backfills of a job, newest first. */
    public List<Progress> ofJob(String job) {
        return jdbc.queryForList("select id from ops.backfill where job_name = ? order by id desc", Long.class, job)
                .stream().map(id -> progress(id).orElseThrow()).toList();
    }

    private List<DateRun> dates(String job, LocalDate from, LocalDate to) {
        return jdbc.query(DATES, (rs, i) -> {
            LocalDate date = rs.getObject("logical_date", LocalDate.class);
            long execution = rs.getLong("job_execution_id");
            return new DateRun(date, runId(job, date), rs.wasNull() ? null : execution, rs.getString("status"),
                    rs.getLong("executions"));
        }, from, to, job, runIdPrefix(job));
    }

    /**
     * Tries the dates in order on {@code concurrency} workers, each taking the next date when its run has ended,
     * then records whether every date completed and lets go of the backfill's lock.
     */
    private void drive(long id, Request request, String actor, Connection lock) {
        Iterator<LocalDate> dates = request.from().datesUntil(request.to().plusDays(1)).iterator();
        List<Thread> workers = new ArrayList<>();
        try {
            for (int i = 0; i < request.concurrency(); i++) {
                Thread worker = new Thread(() -> {
                    for (LocalDate date = next(dates); date != null; date = next(dates)) {
                        runDate(request.job(), date, actor);
                    }
                }, "backfill-" + id + "-" + i);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            List<DateRun> outcome = dates(request.job(), request.from(), request.to());
            long completed = outcome.stream().filter(d -> "COMPLETED".equals(d.status())).count();
            String state = completed == outcome.size() ? "COMPLETED" : "FAILED";
            jdbc.update("update ops.backfill set state = ?, updated_at = now() where id = ?", state, id);
            log.info("Backfill {} of {} from {} to {}: {} of {} dates completed", id, request.job(), request.from(),
                    request.to(), completed, outcome.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.forEach(Thread::interrupt);
        } finally {
            unlock(id, lock);
        }
    }

    private static LocalDate next(Iterator<LocalDate> dates) {
        synchronized (dates) {
            return dates.hasNext() ? dates.next() : null;
        }
    }

    /**
     * Brings one date to an ended run: skipped when completed, restarted when failed or stopped (or left running by
     * a process that died), launched when it never ran. While another execution of the job holds the way (a
     * scheduled run, the same date in another backfill), it waits for it.
     */
    private void runDate(String job, LocalDate date, String actor) {
        String runId = runId(job, date);
        while (!Thread.currentThread().isInterrupted()) {
            DateRun run = dates(job, date, date).get(0);
            try {
                if (run.executionId() == null) {
                    control.launch(job, Map.of(RunParameters.RUN_ID, runId, RunParameters.LOGICAL_DATE, date.toString()),
                            actor, JobControl.Mode.FOREGROUND);
                    return;
                }
                switch (run.status()) {
                    case "COMPLETED" -> {
                        return;
                    }
                    case "ABANDONED", "UNKNOWN" -> {
                        log.warn("Backfill of {}: {} (execution {}) is {} and cannot be run again", job, date,
                                run.executionId(), run.status());
                        return;
                    }
                    case "FAILED", "STOPPED" -> {
                        control.restart(run.executionId(), actor, JobControl.Mode.FOREGROUND);
                        return;
                    }
                    default -> {
                        if (control.running(job).contains(run.executionId())) {
                            pause();
                        } else {
                            control.restart(run.executionId(), actor, JobControl.Mode.FOREGROUND);
                            return;
                        }
                    }
                }
            } catch (OperationRefusedException e) {
                if (!"RUNNING".equals(e.properties().get("state"))) {
                    log.warn("Backfill of {}: {} was refused: {}", job, date, e.getMessage());
                    return;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BUSY_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The backfill's lock on a connection of its own, or null when another session holds it. */
    private Connection tryLock(long id) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement probe = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                probe.setInt(1, LOCK_SPACE);
                probe.setInt(2, (int) id);
                try (ResultSet rs = probe.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return connection;
                    }
                }
            }
            connection.close();
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the lock of backfill " + id + ": " + e.getMessage(), e);
        }
    }

    private static void unlock(long id, Connection connection) {
        try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_SPACE);
            unlock.setInt(2, (int) id);
            unlock.execute();
        } catch (SQLException e) {
            log.warn("Releasing the lock of backfill {} failed: {}", id, e.getMessage());
        }
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw OperationRefusedException.badParameter(field, "a backfill needs " + field + "=YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw OperationRefusedException.badParameter(field, field + " must be a calendar date as YYYY-MM-DD, got '"
                    + text + "'");
        }
    }

    private static int concurrency(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            int concurrency = Integer.parseInt(text.trim());
            if (concurrency >= 1 && concurrency <= MAX_CONCURRENCY) {
                return concurrency;
            }
        } catch (NumberFormatException e) {
            // answered below, as a number out of range is
        }
        throw OperationRefusedException.badParameter("concurrency", "concurrency must be a whole number from 1 to "
                + MAX_CONCURRENCY + ", got '" + text + "'");
    }
}
