package vn.ecomdss.ops;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.ops.ExecutionLease;
import vn.ecomdss.ops.OrphanedExecutions;
import vn.ecomdss.pipeline.RunParameters;

/**
 * The operator's actions on jobs: launch, stop, restart, abandon, pause and resume a schedule, for the admin API,
 * the scheduler and the command line alike. A launch or restart runs in the background (the caller gets the
 * execution id at once) or, for the command line, in the foreground; every action, carried out or refused, is
 * audited. At most one execution of a job runs at a time: a launch while one runs is refused with that execution's
 * id.
 */
@Component
public class JobControl {

    private static final Logger log = LoggerFactory.getLogger(JobControl.class);

    private static final Set<String> PARAMETERS = Set.of(RunParameters.RUN_ID, RunParameters.LOGICAL_DATE,
            RunParameters.SOURCES, RunParameters.FULL_REFRESH);
    private static final Duration STARTING_GRACE = Duration.ofMinutes(1);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final JobCatalogue catalogue;
    private final JobRepository jobRepository;
    private final ExecutionLease lease;
    private final ScheduleBook schedules;
    private final AuditLog audit;
    private final OrphanedExecutions orphans;
    private final TaskExecutorJobOperator operator;
    private final JobOperator foreground;

    /** Where a launched or restarted execution runs. */
    public enum Mode {
        /** On a launch thread: the call returns the execution as soon as it has started. */
        BACKGROUND,
        /** On the caller's thread: the call returns the execution once it has ended. */
        FOREGROUND
    }

    public JobControl(JobCatalogue catalogue, JobRepository jobRepository, JobRegistry jobRegistry,
                      ExecutionLease lease, OrphanedExecutions orphans, ScheduleBook schedules, AuditLog audit,
                      JobOperator foreground, ObjectProvider<ObservationRegistry> observations) throws Exception {
        this.foreground = foreground;
        this.catalogue = catalogue;
        this.jobRepository = jobRepository;
        this.lease = lease;
        this.schedules = schedules;
        this.audit = audit;
        this.orphans = orphans;
        SimpleAsyncTaskExecutor launches = new SimpleAsyncTaskExecutor("launch-");
        launches.setConcurrencyLimit(8);
        operator = new TaskExecutorJobOperator();
        operator.setJobRepository(jobRepository);
        operator.setJobRegistry(jobRegistry);
        operator.setTaskExecutor(launches);
        operator.setObservationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        operator.afterPropertiesSet();
    }

    public JobOperator operator() {
        return operator;
    }

    /** Starts a job in the background after checking its parameters against the definition. */
    public JobExecution launch(String jobName, Map<String, String> requested, String actor) {
        return launch(jobName, requested, actor, Mode.BACKGROUND);
    }

    /** Starts a job after checking its parameters against the definition. */
    public JobExecution launch(String jobName, Map<String, String> requested, String actor, Mode mode) {
        String target = "job " + jobName;
        try {
            Job job = job(jobName);
            JobParameters parameters = parameters(jobName, requested);
            job.getJobParametersValidator().validate(parameters);
            refuseWhileRunning(jobName);
            JobExecution execution = operatorFor(mode).start(job, parameters);
            audit.record(actor, "launch", target, "accepted", "execution " + execution.getId() + " run_id="
                    + parameters.getString(RunParameters.RUN_ID));
            return execution;
        } catch (InvalidJobParametersException e) {
            throw refused(actor, "launch", target, OperationRefusedException.badParameter(fieldOf(e.getMessage()),
                    e.getMessage()));
        } catch (JobInstanceAlreadyCompleteException e) {
            throw refused(actor, "launch", target, OperationRefusedException.conflict(
                    "this run_id already completed for " + jobName + "; choose a new run_id",
                    Map.of("field", RunParameters.RUN_ID, "state", "COMPLETED")));
        } catch (JobExecutionAlreadyRunningException e) {
            throw refused(actor, "launch", target, runningConflict(jobName));
        } catch (JobRestartException e) {
            throw refused(actor, "launch", target, OperationRefusedException.conflict(e.getMessage(),
                    Map.of("state", "NOT_RESTARTABLE")));
        } catch (OperationRefusedException e) {
            throw refused(actor, "launch", target, e);
        }
    }

    public JobExecution stop(long executionId, String actor) {
        String target = "execution " + executionId;
        try {
            JobExecution execution = execution(executionId);
            if (!execution.isRunning()) {
                throw OperationRefusedException.conflict("execution " + executionId + " is " + execution.getStatus()
                        + "; only a running execution can be stopped", Map.of("state", execution.getStatus().name()));
            }
            operator.stop(execution);
            audit.record(actor, "stop", target, "accepted", "stop requested at the next chunk boundary");
            return jobRepository.getJobExecution(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw refused(actor, "stop", target, OperationRefusedException.conflict(e.getMessage(),
                    Map.of("state", "NOT_RUNNING")));
        } catch (OperationRefusedException e) {
            throw refused(actor, "stop", target, e);
        }
    }

    /**
     * Restarts a failed or stopped execution from its failed step. One still marked running whose process died
     * (its liveness lock is free) is first marked failed, as the command line's {@code restart} does.
     */
    public JobExecution restart(long executionId, String actor) {
        return restart(executionId, actor, Mode.BACKGROUND);
    }

    public JobExecution restart(long executionId, String actor, Mode mode) {
        String target = "execution " + executionId;
        try {
            JobExecution recorded = execution(executionId);
            JobExecution execution;
            try {
                execution = orphans.recoverIfOrphaned(executionId);
            } catch (OrphanedExecutions.StillRunningException e) {
                throw OperationRefusedException.conflict(e.getMessage(), Map.of("state", e.status().name()));
            }
            BatchStatus status = execution.getStatus();
            if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
                throw OperationRefusedException.conflict("execution " + executionId + " is " + status
                        + "; only a FAILED or STOPPED execution can be restarted", Map.of("state", status.name()));
            }
            refuseWhileRunning(execution.getJobInstance().getJobName());
            if (execution.getStatus() != recorded.getStatus()) {
                log.warn("Execution {} was left {} by a process that died; marked it failed before restarting",
                        executionId, recorded.getStatus());
            }
            JobExecution restarted = operatorFor(mode).restart(execution);
            audit.record(actor, "restart", target, "accepted", "new execution " + restarted.getId());
            return restarted;
        } catch (JobRestartException e) {
            throw refused(actor, "restart", target, OperationRefusedException.conflict(e.getMessage(),
                    Map.of("state", "NOT_RESTARTABLE")));
        } catch (OperationRefusedException e) {
            throw refused(actor, "restart", target, e);
        }
    }

    /** Marks a stopped (or failed) execution as never to be restarted. */
    public JobExecution abandon(long executionId, String actor) {
        String target = "execution " + executionId;
        try {
            JobExecution execution = execution(executionId);
            BatchStatus status = execution.getStatus();
            if (status != BatchStatus.STOPPED && status != BatchStatus.FAILED) {
                throw OperationRefusedException.conflict("execution " + executionId + " is " + status
                        + "; only a STOPPED or FAILED execution can be abandoned", Map.of("state", status.name()));
            }
            if (execution.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning())) {
                throw OperationRefusedException.conflict("execution " + executionId + " is " + status
                        + " but some of its steps are still running; abandon it once they have ended",
                        Map.of("state", "STOPPING"));
            }
            JobExecution abandoned = operator.abandon(execution);
            audit.record(actor, "abandon", target, "accepted", null);
            return abandoned;
        } catch (JobExecutionAlreadyRunningException e) {
            throw refused(actor, "abandon", target, OperationRefusedException.conflict(e.getMessage(),
                    Map.of("state", "RUNNING")));
        } catch (OperationRefusedException e) {
            throw refused(actor, "abandon", target, e);
        }
    }

    public void pause(String jobName, boolean paused, String actor) {
        String action = paused ? "pause" : "resume";
        String target = "schedule " + jobName;
        try {
            if (catalogue.definition(jobName).orElseThrow(() -> OperationRefusedException.notFound("job", jobName))
                    .schedule() == null) {
                throw OperationRefusedException.conflict("job " + jobName + " has no schedule",
                        Map.of("state", "UNSCHEDULED"));
            }
            schedules.setPaused(jobName, paused, actor);
            audit.record(actor, action, target, "accepted", null);
        } catch (OperationRefusedException e) {
            throw refused(actor, action, target, e);
        }
    }

    /**
     * Executions of the job marked running whose process is alive. A STARTING execution has not taken its
     * liveness lock yet, so it counts as running for a while after its creation.
     */
    public List<Long> running(String jobName) {
        LocalDateTime startingCutoff = LocalDateTime.now().minus(STARTING_GRACE);
        return jobRepository.findRunningJobExecutions(jobName).stream()
                .filter(e -> e.getStatus() == BatchStatus.STARTING
                        ? e.getCreateTime() != null && e.getCreateTime().isAfter(startingCutoff)
                        : !lease.isOrphaned(e.getId()))
                .map(JobExecution::getId)
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    private void refuseWhileRunning(String jobName) {
        if (!running(jobName).isEmpty()) {
            throw runningConflict(jobName);
        }
    }

    private OperationRefusedException runningConflict(String jobName) {
        Optional<Long> runningId = running(jobName).stream().findFirst();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("state", "RUNNING");
        runningId.ifPresent(id -> properties.put("runningExecutionId", id));
        return OperationRefusedException.conflict("job " + jobName + " is already running"
                + runningId.map(id -> " as execution " + id).orElse("")
                + "; wait for it, or stop it first", properties);
    }

    private JobOperator operatorFor(Mode mode) {
        return mode == Mode.FOREGROUND ? foreground : operator;
    }

    private Job job(String jobName) {
        Job job = catalogue.jobs().get(jobName);
        if (job == null) {
            throw OperationRefusedException.notFound("job", jobName);
        }
        return job;
    }

    private JobExecution execution(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw OperationRefusedException.notFound("execution", executionId);
        }
        return execution;
    }

    private JobParameters parameters(String jobName, Map<String, String> requested) {
        Set<String> unknown = new TreeSet<>(requested.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            String field = unknown.iterator().next();
            throw OperationRefusedException.badParameter(field, "unknown parameter '" + field + "' (known: "
                    + new TreeSet<>(PARAMETERS) + ")");
        }
        JobParametersBuilder parameters = new JobParametersBuilder();
        String runId = requested.get(RunParameters.RUN_ID);
        if (runId == null || runId.isBlank()) {
            runId = jobName + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        } else if (!RUN_ID.matcher(runId).matches()) {
            throw OperationRefusedException.badParameter(RunParameters.RUN_ID, "run_id must be 1 to 100 letters, "
                    + "digits or . _ : -, got '" + runId + "'");
        }
        parameters.addString(RunParameters.RUN_ID, runId);
        String date = requested.get(RunParameters.LOGICAL_DATE);
        if (date == null || date.isBlank()) {
            date = LocalDate.now(RunParameters.ZONE).toString();
        } else {
            try {
                RunParameters.parseDate(date);
            } catch (IllegalArgumentException e) {
                throw OperationRefusedException.badParameter(RunParameters.LOGICAL_DATE, e.getMessage());
            }
        }
        parameters.addString(RunParameters.LOGICAL_DATE, date);
        String sources = requested.get(RunParameters.SOURCES);
        if (sources != null && !sources.isBlank()) {
            parameters.addString(RunParameters.SOURCES, sources);
        }
        String fullRefresh = requested.get(RunParameters.FULL_REFRESH);
        if (fullRefresh != null && !fullRefresh.isBlank()) {
            if (!fullRefresh.equals("true") && !fullRefresh.equals("false")) {
                throw OperationRefusedException.badParameter(RunParameters.FULL_REFRESH,
                        "full_refresh must be true or false, got '" + fullRefresh + "'");
            }
            parameters.addString(RunParameters.FULL_REFRESH, fullRefresh, false);
        }
        return parameters.toJobParameters();
    }

    /** The validator's messages start with the parameter they concern ("sources: unknown source(s) ..."). */
    private static String fieldOf(String message) {
        for (String parameter : PARAMETERS) {
            if (message != null && message.startsWith(parameter)) {
                return parameter;
            }
        }
        return "parameters";
    }

    private OperationRefusedException refused(String actor, String action, String target, OperationRefusedException e) {
        audit.record(actor, action, target, "refused " + e.status().value(), e.getMessage());
        return e;
    }
}
