package vn.ecomdss.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads executions straight from the Spring Batch tables, so listings can be filtered and paged in SQL and a
 * server sees runs launched by any process (the command line, another instance) on the same database.
 */
@Component
public class ExecutionQueries {

    public record Filter(String job, String status, LocalDateTime from, LocalDateTime to, int page, int size) {
    }

    public record Page<T>(List<T> content, int page, int size, long totalElements, int totalPages) {
    }

    public record ExecutionSummary(long id, String job, String runId, String status, String exitCode,
                                   LocalDateTime createTime, LocalDateTime startTime, LocalDateTime endTime,
                                   Long durationMs) {
    }

    /** A step execution; {@code attempt} counts the step executions of the same step in this execution (retries). */
    public record StepView(long id, String name, int attempt, String status, long readCount, long writeCount, long filterCount,
                           long readSkipCount, long processSkipCount, long writeSkipCount, long skipCount,
                           long commitCount, long rollbackCount, String exitCode, String exitMessage,
                           LocalDateTime startTime, LocalDateTime endTime, Long durationMs) {
    }

    /** An execution with every step execution; {@code retries} is how many of them ran a failed step again. */
    public record ExecutionDetail(long id, String job, String runId, String status, String exitCode,
                                  String exitMessage, LocalDateTime createTime, LocalDateTime startTime,
                                  LocalDateTime endTime, Long durationMs, Map<String, String> parameters,
                                  List<StepView> steps, long retries) {
    }

    private static final String SUMMARY_COLUMNS = """
            select e.job_execution_id, i.job_name, e.status, e.exit_code, e.exit_message, e.create_time,
                   e.start_time, e.end_time,
                   (select p.parameter_value from batch_job_execution_params p
                    where p.job_execution_id = e.job_execution_id and p.parameter_name = 'run_id') as run_id
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            """;

    private static final String FILTER = """
            where (cast(? as text) is null or i.job_name = ?)
              and (cast(? as text) is null or e.status = ?)
              and (cast(? as timestamp) is null or e.create_time >= ?)
              and (cast(? as timestamp) is null or e.create_time < ?)
            """;

    private final JdbcTemplate jdbc;

    public ExecutionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page<ExecutionSummary> find(Filter filter) {
        Object[] args = {filter.job(), filter.job(), filter.status(), filter.status(), filter.from(), filter.from(),
                filter.to(), filter.to()};
        Long total = jdbc.queryForObject("select count(*) from batch_job_execution e "
                + "join batch_job_instance i on i.job_instance_id = e.job_instance_id " + FILTER, Long.class, args);
        Object[] paged = new Object[args.length + 2];
        System.arraycopy(args, 0, paged, 0, args.length);
        paged[args.length] = filter.size();
        paged[args.length + 1] = (long) filter.page() * filter.size();
        List<ExecutionSummary> content = jdbc.query(SUMMARY_COLUMNS + FILTER
                + "order by e.job_execution_id desc limit ? offset ?", (rs, i) -> summary(rs), paged);
        long totalElements = total == null ? 0 : total;
        return new Page<>(content, filter.page(), filter.size(), totalElements,
                (int) ((totalElements + filter.size() - 1) / filter.size()));
    }

    public Optional<ExecutionSummary> summary(long executionId) {
        return jdbc.query(SUMMARY_COLUMNS + "where e.job_execution_id = ?", (rs, i) -> summary(rs), executionId)
                .stream().findFirst();
    }

    /** The latest execution of a job, whatever its status. */
    public Optional<ExecutionSummary> latest(String job) {
        return jdbc.query(SUMMARY_COLUMNS + "where i.job_name = ? order by e.job_execution_id desc limit 1",
                (rs, i) -> summary(rs), job).stream().findFirst();
    }

    /** Read in three queries one after the other: a query nested in a row mapper would hold two connections. */
    public Optional<ExecutionDetail> detail(long executionId) {
        record Head(ExecutionSummary summary, String exitMessage) {
        }
        Optional<Head> head = jdbc.query(SUMMARY_COLUMNS + "where e.job_execution_id = ?",
                (rs, i) -> new Head(summary(rs), rs.getString("exit_message")), executionId).stream().findFirst();
        return head.map(h -> {
            List<StepView> steps = steps(executionId);
            return new ExecutionDetail(h.summary().id(), h.summary().job(), h.summary().runId(), h.summary().status(),
                    h.summary().exitCode(), h.exitMessage(), h.summary().createTime(), h.summary().startTime(),
                    h.summary().endTime(), h.summary().durationMs(), parameters(executionId), steps,
                    steps.stream().filter(step -> step.attempt() > 1).count());
        });
    }

    private Map<String, String> parameters(long executionId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        jdbc.query("""
                select parameter_name, parameter_value from batch_job_execution_params
                where job_execution_id = ? order by parameter_name
                """, rs -> {
            parameters.put(rs.getString(1), rs.getString(2));
        }, executionId);
        return parameters;
    }

    private List<StepView> steps(long executionId) {
        return jdbc.query("""
                select step_execution_id, step_name, status, read_count, write_count, filter_count, read_skip_count,
                       process_skip_count, write_skip_count, commit_count, rollback_count, exit_code, exit_message,
                       start_time, end_time,
                       row_number() over (partition by step_name order by step_execution_id) as attempt
                from batch_step_execution where job_execution_id = ? order by step_execution_id
                """, (rs, i) -> {
            LocalDateTime start = rs.getObject("start_time", LocalDateTime.class);
            LocalDateTime end = rs.getObject("end_time", LocalDateTime.class);
            long readSkip = rs.getLong("read_skip_count");
            long processSkip = rs.getLong("process_skip_count");
            long writeSkip = rs.getLong("write_skip_count");
            return new StepView(rs.getLong("step_execution_id"), rs.getString("step_name"), rs.getInt("attempt"),
                    rs.getString("status"),
                    rs.getLong("read_count"), rs.getLong("write_count"), rs.getLong("filter_count"), readSkip,
                    processSkip, writeSkip, readSkip + processSkip + writeSkip, rs.getLong("commit_count"),
                    rs.getLong("rollback_count"), rs.getString("exit_code"), rs.getString("exit_message"), start, end,
                    duration(start, end));
        }, executionId);
    }

    private static ExecutionSummary summary(ResultSet rs) throws SQLException {
        LocalDateTime start = rs.getObject("start_time", LocalDateTime.class);
        LocalDateTime end = rs.getObject("end_time", LocalDateTime.class);
        return new ExecutionSummary(rs.getLong("job_execution_id"), rs.getString("job_name"), rs.getString("run_id"),
                rs.getString("status"), rs.getString("exit_code"), rs.getObject("create_time", LocalDateTime.class),
                start, end, duration(start, end));
    }

    /** Milliseconds run so far, or in all once ended; null before the start. */
    private static Long duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return null;
        }
        return Duration.between(start, end == null ? LocalDateTime.now() : end).toMillis();
    }
}
