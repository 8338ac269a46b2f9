package vn.ecomdss.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.FlowJobBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.AsyncTaskExecutor;

import io.micrometer.observation.ObservationRegistry;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RetryPolicy;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * Turns a {@link JobDefinition} into a Spring Batch job. Steps are placed in levels (a step's level is one more
 * than the highest level it depends on); the levels run in order and the steps of one level run in parallel as
 * a split, so every dependency has finished before its dependants start. Every job gets the run listeners and
 * every step the step listeners the application declares, and both record their metrics in the observation
 * registry (Spring Batch only does that for jobs and steps declared as beans).
 */
public final class JobAssembler {

    private final JobRepository jobRepository;
    private final Map<String, StepFactory> catalogue;
    private final AsyncTaskExecutor splitExecutor;
    private final JobParametersValidator parametersValidator;
    private final List<JobExecutionListener> listeners;
    private final List<StepExecutionListener> stepListeners;
    private final ObservationRegistry observations;
    private final SourceCatalogue sources;
    private final RetryPolicy defaultRetry;

    public JobAssembler(JobRepository jobRepository, Map<String, StepFactory> catalogue, AsyncTaskExecutor splitExecutor,
                        JobParametersValidator parametersValidator, List<JobExecutionListener> listeners,
                        List<StepExecutionListener> stepListeners, ObservationRegistry observations,
                        SourceCatalogue sources, RetryPolicy defaultRetry) {
        this.sources = sources;
        this.defaultRetry = defaultRetry;
        this.stepListeners = stepListeners;
        this.observations = observations;
        this.jobRepository = jobRepository;
        this.catalogue = catalogue;
        this.splitExecutor = splitExecutor;
        this.parametersValidator = parametersValidator;
        this.listeners = listeners;
    }

    public Job assemble(JobDefinition definition) {
        List<Flow> levels = new ArrayList<>();
        levels(definition).forEach((level, steps) -> levels.add(levelFlow(definition, level, steps)));
        FlowBuilder<FlowJobBuilder> flow = new JobBuilder(definition.name(), jobRepository).start(levels.get(0));
        for (Flow level : levels.subList(1, levels.size())) {
            flow = flow.next(level);
        }
        FlowJobBuilder job = flow.end();
        job.validator(parametersValidator);
        listeners.forEach(job::listener);
        job.observationRegistry(observations);
        return job.build();
    }

    /** Steps grouped by level, in the order they are declared within a level. */
    static TreeMap<Integer, List<StepDefinition>> levels(JobDefinition definition) {
        Map<String, StepDefinition> byName = definition.stepsByName();
        Map<String, Integer> levelOf = new HashMap<>();
        TreeMap<Integer, List<StepDefinition>> levels = new TreeMap<>();
        for (StepDefinition step : definition.steps()) {
            levels.computeIfAbsent(level(step, byName, levelOf), l -> new ArrayList<>()).add(step);
        }
        return levels;
    }

    private static int level(StepDefinition step, Map<String, StepDefinition> byName, Map<String, Integer> levelOf) {
        Integer known = levelOf.get(step.name());
        if (known != null) {
            return known;
        }
        int level = 0;
        for (String dependency : step.dependsOn()) {
            level = Math.max(level, level(byName.get(dependency), byName, levelOf) + 1);
        }
        levelOf.put(step.name(), level);
        return level;
    }

    private Flow levelFlow(JobDefinition definition, int level, List<StepDefinition> steps) {
        if (steps.size() == 1) {
            return stepFlow(steps.get(0), definition);
        }
        Flow[] branches = steps.stream().map(s -> stepFlow(s, definition)).toArray(Flow[]::new);
        return new FlowBuilder<SimpleFlow>(definition.name() + ".level" + level)
                .split(splitExecutor)
                .add(branches)
                .build();
    }

    /**
     * A step that fails runs again while its retries last (see {@link StepRetry}), each attempt a step execution of
     * its own. A step whose failure the definition tolerates (an extract of a source with
     * {@code on-failure: continue}) ends its branch as completed once its last attempt fails, so the rest of the job
     * goes on; the step itself stays FAILED in the repository and in the run summary.
     */
    private Flow stepFlow(StepDefinition step, JobDefinition definition) {
        StepFactory factory = catalogue.get(step.type());
        Step built = factory.create(step, definition, sources);
        RetryPolicy retry = RetryPolicy.of(step, defaultRetry);
        StepRetry retries = new StepRetry(step.name(), retry, jobRepository);
        if (built instanceof AbstractStep abstractStep) {
            abstractStep.setObservationRegistry(observations);
            stepListeners.forEach(abstractStep::registerStepExecutionListener);
            abstractStep.registerStepExecutionListener(retries);
        }
        boolean tolerated = factory.continuesOnFailure(step, sources);
        FlowBuilder<SimpleFlow> flow = new FlowBuilder<>(definition.name() + "." + step.name());
        if (retry.retries() == 0) {
            return tolerated ? flow.start(built).on("FAILED").end().from(built).on("COMPLETED").end().build()
                    : flow.start(built).build();
        }
        FlowBuilder<SimpleFlow> retried = flow.start(built).on("FAILED").to(retries)
                .from(retries).on(StepRetry.RETRY).to(built)
                .from(built).on("COMPLETED").end()
                .from(built).on("*").fail();
        return (tolerated ? retried.from(retries).on("FAILED").end() : retried.from(retries).on("FAILED").fail())
                .build();
    }
}
