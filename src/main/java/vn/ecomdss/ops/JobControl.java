package vn.ecomdss.ops;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
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
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import io.micrometer.observation.ObservationRegistry;
import vn.ecomdss.definition.JobCatalogue;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;

/**
 * The operator's actions on jobs: launch, stop, restart, abandon, pause and resume a schedule, for the admin API,
 * the scheduler and the command line alike. A launch or restart runs in the background (the caller gets the
 * execution id at once) or, for the command line, in the foreground; every action, carried out or refused, is
 * audited. At most one execution of a job runs at a time: a launch while one runs is refused with that execution's
 * id. A job whose definition is {@code date-partitioned} runs at most one execution per logical date instead, since
 * its runs for different dates touch disjoint data.
 */
@Component
public class JobControl {

    private static final Logger log = LoggerFactory.getLogger(JobControl.class);

    private static final Duration STARTING_GRACE = Duration.ofMinutes(1);
    private static final int STOP_ATTEMPTS = 5;

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
        return audited(actor, "launch", "job " + jobName, jobName, () -> {
            Job job = job(jobName);
            JobParameters parameters;
            try {
                parameters = RunParameters.jobParameters(jobName, requested, LocalDateTime.now());
            } catch (RunParameters.InvalidParameterException e) {
                throw OperationRefusedException.badParameter(e.parameter(), e.getMessage());
            }
            job.getJobParametersValidator().validate(parameters);
            refuseWhileRunning(jobName, parameters.getString(RunParameters.LOGICAL_DATE));
            JobExecution execution = operatorFor(mode).start(job, parameters);
            return new Accepted<>(execution, "execution " + execution.getId() + " run_id="
                    + parameters.getString(RunParameters.RUN_ID));
        });
    }

    public JobExecution stop(long executionId, String actor) {
        return audited(actor, "stop", "execution " + executionId, null, () -> {
            JobExecution execution = execution(executionId);
            if (!execution.isRunning()) {
                throw OperationRefusedException.conflict("execution " + executionId + " is " + execution.getStatus()
                        + "; only a running execution can be stopped", Map.of("state", execution.getStatus().name()));
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    operator.stop(execution);
                    break;
                } catch (OptimisticLockingFailureException e) {
                    // The running job saved its execution between our read and the stop: read it again and retry.
                    execution = execution(executionId);
                    if (!execution.isRunning() || attempt == STOP_ATTEMPTS) {
                        throw OperationRefusedException.conflict("execution " + executionId + " is "
                                + execution.getStatus() + " and kept changing while being stopped; try again",
                                Map.of("state", execution.getStatus().name()));
                    }
                }
            }
            return new Accepted<>(jobRepository.getJobExecution(executionId),
                    "stop requested at the next chunk boundary");
        });
    }

    /**
     * Restarts a failed or stopped execution from its failed step. One still marked running whose process died
     * (its liveness lock is free) is first marked failed, as the command line's {@code restart} does.
     */
    public JobExecution restart(long executionId, String actor) {
        return restart(executionId, actor, Mode.BACKGROUND);
    }

    public JobExecution restart(long executionId, String actor, Mode mode) {
        return audited(actor, "restart", "execution " + executionId, null, () -> {
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
            refuseWhileRunning(execution.getJobInstance().getJobName(),
                    execution.getJobParameters().getString(RunParameters.LOGICAL_DATE));
            if (execution.getStatus() != recorded.getStatus()) {
                log.warn("Execution {} was left {} by a process that died; marked it failed before restarting",
                        executionId, recorded.getStatus());
            }
            JobExecution restarted = operatorFor(mode).restart(execution);
            return new Accepted<>(restarted, "new execution " + restarted.getId());
        });
    }

    /** Marks a stopped (or failed) execution as never to be restarted. */
    public JobExecution abandon(long executionId, String actor) {
        return audited(actor, "abandon", "execution " + executionId, null, () -> {
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
            return new Accepted<>(operator.abandon(execution), null);
        });
    }

    public void pause(String jobName, boolean paused, String actor) {
        audited(actor, paused ? "pause" : "resume", "schedule " + jobName, jobName, () -> {
            if (catalogue.definition(jobName).orElseThrow(() -> OperationRefusedException.notFound("job", jobName))
                    .schedule() == null) {
                throw OperationRefusedException.conflict("job " + jobName + " has no schedule",
                        Map.of("state", "UNSCHEDULED"));
            }
            schedules.setPaused(jobName, paused, actor);
            return new Accepted<>(null, null);
        });
    }

    /**
     * Executions of the job marked running whose process is alive. A STARTING execution has not taken its
     * liveness lock yet, so it counts as running for a while after its creation.
     */
    public List<Long> running(String jobName) {
        return runningExecutions(jobName).stream().map(JobExecution::getId).toList();
    }

    private List<JobExecution> runningExecutions(String jobName) {
        LocalDateTime startingCutoff = LocalDateTime.now().minus(STARTING_GRACE);
        return jobRepository.findRunningJobExecutions(jobName).stream()
                .filter(e -> e.getStatus() == BatchStatus.STARTING
                        ? e.getCreateTime() != null && e.getCreateTime().isAfter(startingCutoff)
                        : !lease.isOrphaned(e.getId()))
                .sorted(Comparator.comparing(JobExecution::getId, Comparator.reverseOrder()))
                .toList();
    }

    /** Whether the job's runs for different logical dates may run side by side. */
    public boolean datePartitioned(String jobName) {
        return catalogue.definition(jobName).map(JobDefinition::datePartitioned).orElse(false);
    }

    private void refuseWhileRunning(String jobName, String logicalDate) {
        boolean byDate = datePartitioned(jobName);
        Optional<JobExecution> blocking = runningExecutions(jobName).stream()
                .filter(e -> !byDate || logicalDate.equals(e.getJobParameters().getString(RunParameters.LOGICAL_DATE)))
                .findFirst();
        if (blocking.isPresent()) {
            throw runningConflict(jobName, blocking.map(JobExecution::getId), byDate ? logicalDate : null);
        }
    }

    private OperationRefusedException runningConflict(String jobName, Optional<Long> runningId, String logicalDate) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("state", "RUNNING");
        runningId.ifPresent(id -> properties.put("runningExecutionId", id));
        return OperationRefusedException.conflict("job " + jobName + " is already running"
                + (logicalDate == null ? "" : " for logical_date " + logicalDate)
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

    /** What an action did when carried out: its result, and the detail the audit log keeps. */
    private record Accepted<T>(T value, String detail) {
    }

    @FunctionalInterface
    private interface Action<T> {
        Accepted<T> carryOut() throws JobExecutionException;
    }

    /**
     * Carries out an operator's action and audits it, carried out or refused. Spring Batch's refusals become
     * {@link OperationRefusedException}s naming the parameter or the state, so the API and the command line report
     * them alike; {@code jobName}, when known, lets a refusal while the job runs name the running execution.
     */
    private <T> T audited(String actor, String action, String target, String jobName, Action<T> work) {
        try {
            Accepted<T> accepted = work.carryOut();
            audit.record(actor, action, target, "accepted", accepted.detail());
            return accepted.value();
        } catch (OperationRefusedException | JobExecutionException e) {
            OperationRefusedException refusal = refusal(e, jobName);
            audit.record(actor, action, target, "refused " + refusal.status().value(), refusal.getMessage());
            throw refusal;
        }
    }

    private OperationRefusedException refusal(Exception e, String jobName) {
        if (e instanceof OperationRefusedException refused) {
            return refused;
        }
        if (e instanceof InvalidJobParametersException) {
            return OperationRefusedException.badParameter(fieldOf(e.getMessage()), e.getMessage());
        }
        if (e instanceof JobInstanceAlreadyCompleteException) {
            return OperationRefusedException.conflict("this run_id already completed for " + jobName
                    + "; choose a new run_id", Map.of("field", RunParameters.RUN_ID, "state", "COMPLETED"));
        }
        if (e instanceof JobExecutionAlreadyRunningException) {
            return jobName != null ? runningConflict(jobName, running(jobName).stream().findFirst(), null)
                    : OperationRefusedException.conflict(e.getMessage(), Map.of("state", "RUNNING"));
        }
        if (e instanceof JobRestartException) {
            return OperationRefusedException.conflict(e.getMessage(), Map.of("state", "NOT_RESTARTABLE"));
        }
        if (e instanceof JobExecutionNotRunningException) {
            return OperationRefusedException.conflict(e.getMessage(), Map.of("state", "NOT_RUNNING"));
        }
        return OperationRefusedException.conflict(e.getMessage(), Map.of("state", "REFUSED"));
    }

    /** The validator's messages start with the parameter they concern ("sources: unknown source(s) ..."). */
    private static String fieldOf(String message) {
        for (String parameter : RunParameters.NAMES) {
            if (message != null && message.startsWith(parameter)) {
                return parameter;
            }
        }
        return "parameters";
    }
}
