package vn.ecomdss.warehouse;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.definition.DefinitionProblems;
import vn.ecomdss.definition.JobDefinition;
import vn.ecomdss.definition.RunParameters;
import vn.ecomdss.definition.SourceCatalogue;
import vn.ecomdss.definition.StepDefinition;
import vn.ecomdss.definition.StepFactory;

/**
 * {@code type: scd2} with {@code dimensions: [product, customer]}: merges the run's staging rows into each
 * dimension, all in the step's one transaction.
 */
@Component
public class LoadDimensionsStepFactory implements StepFactory {

    private static final Logger log = LoggerFactory.getLogger(LoadDimensionsStepFactory.class);
    private static final Map<String, Scd2Spec> SPECS = Scd2Spec.ALL.stream()
            .collect(Collectors.toMap(Scd2Spec::name, Function.identity()));

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final Scd2Merge merge;

    public LoadDimensionsStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                     Scd2Merge merge) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.merge = merge;
    }

    @Override
    public String type() {
        return "scd2";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        List<String> dimensions = step.list("dimensions");
        if (dimensions.isEmpty()) {
            problems.add(step.file(), step.field() + ".dimensions", "name at least one dimension (known: " + SPECS.keySet() + ")");
        }
        for (int i = 0; i < dimensions.size(); i++) {
            if (!SPECS.containsKey(dimensions.get(i))) {
                problems.add(step.file(), step.field() + ".dimensions[" + i + "]", "unknown dimension '"
                        + dimensions.get(i) + "' (known: " + SPECS.keySet() + ")");
            }
        }
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        List<Scd2Spec> specs = step.list("dimensions").stream().map(SPECS::get).toList();
        return new StepBuilder(step.name(), jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution execution = context.getStepContext().getStepExecution();
                    RunParameters run = RunParameters.of(execution.getJobExecution().getJobParameters());
                    StringBuilder summary = new StringBuilder();
                    for (Scd2Spec spec : specs) {
                        Scd2Merge.Result result = merge.merge(spec, run);
                        contribution.incrementWriteCount(result.versionsOpened() + result.typeOneUpdates()
                                + result.inferredCompleted());
                        execution.getExecutionContext().putInt("scd2." + spec.name() + ".opened", result.versionsOpened());
                        execution.getExecutionContext().putInt("scd2." + spec.name() + ".closed", result.closed());
                        summary.append(String.format("%s: %d staged, %d new keys, %d changed, %d type-1 updates, %d inferred completed; ",
                                spec.name(), result.staged(), result.newKeys(), result.closed(), result.typeOneUpdates(),
                                result.inferredCompleted()));
                    }
                    log.info("load_dimensions {}", summary);
                    contribution.setExitStatus(contribution.getExitStatus().addExitDescription(summary.toString().trim()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
