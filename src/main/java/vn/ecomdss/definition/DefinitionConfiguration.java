package vn.ecomdss.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.cloud.task.batch.listener.TaskBatchExecutionListener;
import org.springframework.cloud.task.batch.listener.support.JdbcTaskBatchDao;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.micrometer.observation.ObservationRegistry;
import vn.ecomdss.DssProperties;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepFactory;

/**
 * Loads and validates {@code job-definitions/} at start-up (the application refuses to start on any problem),
 * assembles each definition into a Spring Batch job and registers it.
 */
@Configuration(proxyBeanMethods = false)
public class DefinitionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DefinitionConfiguration.class);

    @Bean
    MapJobRegistry jobRegistry() {
        return new MapJobRegistry();
    }

    /**
     * Links each job execution to the Spring Cloud Task execution of the launch. Task's own auto-configuration
     * only does this for jobs declared as beans, and these jobs are assembled from definitions.
     */
    @Bean
    TaskBatchExecutionListener taskBatchExecutionListener(DataSource dataSource) {
        return new TaskBatchExecutionListener(new JdbcTaskBatchDao(dataSource));
    }

    /**
     * Every {@link JobExecutionListener} bean (the lease, staging cleanup, the task link, and what the stages
     * declare, such as the load watermarks) listens to every assembled job, and every {@link StepExecutionListener}
     * bean (the operators' stop check) to every step, so no stage is named here.
     */
    @Bean
    JobCatalogue jobCatalogue(DssProperties properties, List<StepFactory> factories, JobRepository jobRepository,
                              MapJobRegistry registry, List<JobExecutionListener> runListeners,
                              List<StepExecutionListener> stepListeners, ObjectProvider<ObservationRegistry> observations,
                              RetryProperties retries) throws DuplicateJobException {
        Map<String, StepFactory> catalogue = new TreeMap<>();
        factories.forEach(f -> catalogue.put(f.type(), f));
        DefinitionLoader.Definitions definitions = new DefinitionLoader().load(properties.definitions(), catalogue);

        List<JobExecutionListener> listeners = List.copyOf(runListeners);
        log.info("Run listeners of every job, in order: {}; of every step: {}",
                listeners.stream().map(l -> l.getClass().getSimpleName()).toList(),
                stepListeners.stream().map(l -> l.getClass().getSimpleName()).toList());
        SimpleAsyncTaskExecutor splitExecutor = new SimpleAsyncTaskExecutor("split-");
        splitExecutor.setConcurrencyLimit(4);
        JobAssembler assembler = new JobAssembler(jobRepository, catalogue, splitExecutor,
                new RunParametersValidator(definitions.sources()), listeners, List.copyOf(stepListeners),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), definitions.sources(), retries.policy());

        Map<String, JobDefinition> byName = new LinkedHashMap<>();
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (JobDefinition definition : definitions.jobs()) {
            Job job = assembler.assemble(definition);
            registry.register(job);
            byName.put(definition.name(), definition);
            jobs.put(definition.name(), job);
        }
        return new JobCatalogue(definitions.sources(), byName, jobs);
    }

    /** The sources of the loaded definitions, for the stages that read them outside a step (the quality rules). */
    @Bean
    SourceCatalogue sourceCatalogue(JobCatalogue catalogue) {
        return catalogue.sources();
    }
}
