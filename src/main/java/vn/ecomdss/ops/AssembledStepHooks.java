package vn.ecomdss.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.flow.FlowJob;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.observation.ObservationRegistry;
import vn.ecomdss.definition.JobCatalogue;

/**
 * What the operations side adds to the jobs assembled from definitions (Spring Batch only does the first for jobs
 * and steps declared as beans):
 * <ul>
 * <li>the application's observation registry, so Spring Batch records its job and step metrics
 * ({@code spring_batch_job_*}, {@code spring_batch_step_*});</li>
 * <li>a stop check before every step: Spring Batch 6 marks a stopped execution STOPPED at once but lets the steps of
 * a split run on, so a step about to start in an execution an operator stopped is interrupted instead.</li>
 * </ul>
 */
@Component
class AssembledStepHooks implements SmartInitializingSingleton {

    private final JobCatalogue catalogue;
    private final ObjectProvider<ObservationRegistry> observations;
    private final JdbcTemplate jdbc;

    AssembledStepHooks(JobCatalogue catalogue, ObjectProvider<ObservationRegistry> observations, JdbcTemplate jdbc) {
        this.catalogue = catalogue;
        this.observations = observations;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ObservationRegistry registry = observations.getIfAvailable();
        StepExecutionListener stopCheck = new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                if (stopRequested(stepExecution.getJobExecutionId())) {
                    stepExecution.setTerminateOnly();
                }
            }
        };
        for (Job job : catalogue.jobs().values()) {
            if (registry != null && job instanceof AbstractJob abstractJob) {
                abstractJob.setObservationRegistry(registry);
            }
            if (job instanceof FlowJob flowJob) {
                for (String name : flowJob.getStepNames()) {
                    if (flowJob.getStep(name) instanceof AbstractStep step) {
                        if (registry != null) {
                            step.setObservationRegistry(registry);
                        }
                        step.registerStepExecutionListener(stopCheck);
                    }
                }
            }
        }
    }

    private boolean stopRequested(long jobExecutionId) {
        String status = jdbc.query("select status from batch_job_execution where job_execution_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, jobExecutionId);
        return BatchStatus.STOPPING.name().equals(status) || BatchStatus.STOPPED.name().equals(status);
    }
}
