package vn.ecomdss.ops;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.flow.FlowJob;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import io.micrometer.observation.ObservationRegistry;
import vn.ecomdss.definition.JobCatalogue;

/**
 * Gives the assembled jobs and their steps the application's observation registry, so Spring Batch records
 * its job and step metrics ({@code spring_batch_job_*}, {@code spring_batch_step_*}). Spring Batch only does
 * this itself for jobs and steps declared as beans, and these are assembled from definitions.
 */
@Component
class BatchObservability implements SmartInitializingSingleton {

    private final JobCatalogue catalogue;
    private final ObjectProvider<ObservationRegistry> observations;

    BatchObservability(JobCatalogue catalogue, ObjectProvider<ObservationRegistry> observations) {
        this.catalogue = catalogue;
        this.observations = observations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ObservationRegistry registry = observations.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (Job job : catalogue.jobs().values()) {
            if (job instanceof AbstractJob abstractJob) {
                abstractJob.setObservationRegistry(registry);
            }
            if (job instanceof FlowJob flowJob) {
                for (String name : flowJob.getStepNames()) {
                    if (flowJob.getStep(name) instanceof AbstractStep step) {
                        step.setObservationRegistry(registry);
                    }
                }
            }
        }
    }
}
