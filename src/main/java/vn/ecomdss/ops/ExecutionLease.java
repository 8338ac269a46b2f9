package vn.ecomdss.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Proves that a running execution's process is alive: the process holds a PostgreSQL advisory lock on the
 * execution id for as long as the execution runs, and PostgreSQL releases it when that process's connection
 * dies (kill -9, power loss). An execution still marked running whose lock can be taken is orphaned. It is the
 * first of the run listeners: a run holds its lock before anything else of it happens.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ExecutionLease implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ExecutionLease.class);
    /** First half of the advisory-lock key: "DSS" in ASCII, so the platform's locks are recognisable. */
    private static final int LOCK_SPACE = 0x445353;

    private final DataSource dataSource;
    private final Map<Long, Connection> held = new ConcurrentHashMap<>();

    public ExecutionLease(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        long id = jobExecution.getId();
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, (int) id);
                lock.execute();
            }
            held.put(id, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the liveness lock of execution " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        Connection connection = held.remove(jobExecution.getId());
        if (connection == null) {
            return;
        }
        try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_SPACE);
            unlock.setInt(2, (int) jobExecution.getId());
            unlock.execute();
        } catch (SQLException e) {
            log.warn("Releasing the liveness lock of execution {} failed: {}", jobExecution.getId(), e.getMessage());
        }
    }

    /** True when no live process holds the execution's lock, i.e. the process that ran it is gone. */
    public boolean isOrphaned(long executionId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement probe = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                probe.setInt(1, LOCK_SPACE);
                probe.setInt(2, (int) executionId);
                try (ResultSet rs = probe.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, LOCK_SPACE);
                unlock.setInt(2, (int) executionId);
                unlock.execute();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot probe the liveness lock of execution " + executionId, e);
        }
    }
}
