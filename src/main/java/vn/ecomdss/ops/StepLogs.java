package vn.ecomdss.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps what each step execution logs in {@code ops.step_log}. While a step runs, its thread carries the execution
 * and step in the logging context ({@code dss.execution}, {@code dss.step}, also usable in a log pattern); an
 * appender on the root logger takes the lines that carry them, and they are written in batches every second and
 * when the step ends, so a step's log is complete within a second of the step's end. A step keeps at most {@value #MAX_LINES}
 * lines; past that a last line says how many more the application log holds. The job assembler registers this
 * on every job and step.
 *
 * <p>Tests run several application contexts in one JVM, each with its own database connection. One appender
 * serves them all: a step's thread also carries which context's {@code StepLogs} ran it ({@code dss.step-log}), and
 * the line goes to that one, so a context that starts or closes later takes nothing from the others.
 */
@Component
public class StepLogs implements StepExecutionListener, JobExecutionListener {

    static final int MAX_LINES = 2_000;
    private static final int MAX_MESSAGE = 8_000;
    private static final String APPENDER = "dss-step-log";
    private static final String EXECUTION = "dss.execution";
    private static final String STEP = "dss.step";
    private static final String STEP_EXECUTION = "dss.step-execution";
    private static final String OWNER = "dss.step-log";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Map<String, StepLogs> OWNERS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> false);

    private static final String INSERT = """
            insert into ops.step_log (step_execution_id, job_execution_id, step_name, seq, at, level, logger, message)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing
            """;
    private static final String LINES = """
            select step_execution_id, seq, at, level, logger, message from ops.step_log
            where job_execution_id = ? and step_name = ?
            order by step_execution_id, seq
            """;

    /** One line a step logged. */
    public record Line(long stepExecutionId, int seq, Instant at, String level, String logger, String message) {
    }

    private record Pending(long stepExecutionId, long jobExecutionId, String step, Line line) {
    }

    private final JdbcTemplate jdbc;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final String owner = Integer.toString(INSTANCES.incrementAndGet());
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "step-log-flush");
        thread.setDaemon(true);
        return thread;
    });

    public StepLogs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers this context's log keeper and attaches the JVM's one appender if no earlier context has. */
    @PostConstruct
    void attach() {
        OWNERS.put(owner, this);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Capture.attachTo(context);
        }
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    /** Writes what is left; the appender stays for the other contexts and goes with the last. */
    @PreDestroy
    void detach() {
        flusher.shutdownNow();
        flush();
        OWNERS.remove(owner);
        if (OWNERS.isEmpty() && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Capture.detachFrom(context);
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Capture.attachTo(context); // a stop of the logging (not a reset) takes the appender and its listener
        }
        MDC.put(EXECUTION, Long.toString(stepExecution.getJobExecutionId()));
        MDC.put(STEP, stepExecution.getStepName());
        MDC.put(STEP_EXECUTION, Long.toString(stepExecution.getId()));
        MDC.put(OWNER, owner);
    }

    /**
     * Writes what the step logged so far. The logging context stays until the next step on the thread or the end
     * of the job, so that what the step's other listeners log after this one (a source's summary) is its too.
     */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        flush();
        return null;
    }

    /** Closes the job's step logs: a step that logged past the limit gets its last line, saying how much. */
    @Override
    public void afterJob(JobExecution jobExecution) {
        for (StepExecution step : jobExecution.getStepExecutions()) {
            AtomicInteger count = counts.remove(step.getId());
            if (count != null && count.get() > MAX_LINES) {
                pending.add(new Pending(step.getId(), jobExecution.getId(), step.getStepName(), new Line(step.getId(),
                        MAX_LINES + 1, Instant.now(), "INFO", StepLogs.class.getName(), (count.get() - MAX_LINES)
                        + " more lines are in the application log only: a step keeps its first " + MAX_LINES)));
            }
        }
        MDC.remove(EXECUTION);
        MDC.remove(STEP);
        MDC.remove(STEP_EXECUTION);
        MDC.remove(OWNER);
        flush();
    }

    /** The lines of every execution of {@code step} in the job execution (one per attempt), in order. */
    public List<Line> lines(long jobExecutionId, String step) {
        return jdbc.query(LINES, (rs, n) -> new Line(rs.getLong(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                rs.getString(4), rs.getString(5), rs.getString(6)), jobExecutionId, step);
    }

    /** Writes what is waiting; its own writes are not captured, whatever the thread's logging context says. */
    synchronized void flush() {
        List<Object[]> rows = new ArrayList<>();
        for (Pending next = pending.poll(); next != null; next = pending.poll()) {
            Line line = next.line();
            rows.add(new Object[] {next.stepExecutionId(), next.jobExecutionId(), next.step(), line.seq(),
                    Timestamp.from(line.at()), line.level(), line.logger(), line.message()});
        }
        if (rows.isEmpty()) {
            return;
        }
        WRITING.set(true);
        try {
            jdbc.batchUpdate(INSERT, rows);
        } catch (RuntimeException e) {
            // The step's work matters more than its log: say so on the application log and go on.
            LoggerFactory.getLogger(StepLogs.class).warn("{} step log lines could not be kept: {}", rows.size(),
                    e.getMessage());
        } finally {
            WRITING.set(false);
        }
    }

    /** Keeps one line of the step execution {@code id}, unless the step has logged its limit already. */
    private void keep(long id, Map<String, String> context, ILoggingEvent event) {
        int seq = counts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        if (seq > MAX_LINES) {
            return;
        }
        String message = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            message = message + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + " ... (" + message.length() + " characters)";
        }
        pending.add(new Pending(id, Long.parseLong(context.get(EXECUTION)), context.get(STEP),
                new Line(id, seq, Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                        event.getLoggerName(), message)));
    }

    /** The appender on the root logger: hands each line a step logged to the context that ran the step. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {

        /**
         * Attaches the appender once, and again after every reset of the logging: Spring Boot resets it whenever
         * another application starts in the JVM, which would otherwise leave the running contexts without step logs.
         */
        static synchronized void attachTo(LoggerContext context) {
            if (context.getCopyOfListenerList().stream().noneMatch(ReattachOnReset.class::isInstance)) {
                context.addListener(new ReattachOnReset());
            }
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(APPENDER) instanceof Capture) {
                return;
            }
            Capture capture = new Capture();
            capture.setContext(context);
            capture.setName(APPENDER);
            capture.start();
            root.addAppender(capture);
        }

        static synchronized void detachFrom(LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(APPENDER) instanceof Capture capture && OWNERS.isEmpty()) {
                root.detachAppender(capture);
                capture.stop();
            }
        }

        private static final class ReattachOnReset extends ContextAwareBase implements LoggerContextListener {
            @Override
            public boolean isResetResistant() {
                return true;
            }

            @Override
            public void onReset(LoggerContext context) {
                if (!OWNERS.isEmpty()) {
                    attachTo(context);
                }
            }

            @Override
            public void onStart(LoggerContext context) {
            }

            @Override
            public void onStop(LoggerContext context) {
            }

            @Override
            public void onLevelChange(Logger logger, Level level) {
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            Map<String, String> context = event.getMDCPropertyMap();
            String stepExecution = context.get(STEP_EXECUTION);
            if (stepExecution == null || WRITING.get()) {
                return;
            }
            StepLogs owner = OWNERS.get(context.getOrDefault(OWNER, ""));
            if (owner != null) {
                owner.keep(Long.parseLong(stepExecution), context, event);
            }
        }
    }
}
