package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: ml-train} with {@code model: <name>}: trains a candidate of the model on facts up to
 * {@code training_cutoff} (default: the day before the logical date), registers it as the next version and promotes
 * it when {@link PromotionRule} says so. The step is one transaction: a run killed while training registers nothing,
 * and its restart trains again to the same result (same data, seed and code). A run that registered already (the step
 * failed after) is not registered twice.
 */
@Component
public class MlTrainStepFactory implements StepFactory {

    private final SummarisedSteps steps;
    private final Models models;
    private final ModelRegistry registry;

    public MlTrainStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, Models models,
                              ModelRegistry registry) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.models = models;
        this.registry = registry;
    }

    @Override
    public String type() {
        return "ml-train";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        validateModel(step, models, problems);
    }

    static void validateModel(StepDefinition step, Models models, DefinitionProblems problems) {
        String model = step.text("model", null);
        if (model == null) {
            problems.add(step.file(), step.field() + ".model", "name the model of job-definitions/models/ (known: "
                    + models.definitions().keySet() + ")");
        } else if (!models.definitions().containsKey(model)) {
            problems.add(step.file(), step.field() + ".model", "unknown model '" + model + "' (known: "
                    + models.definitions().keySet() + ")");
        }
    }

    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        ModelDefinition model = models.definitions().get(step.text("model", ""));
        if (model == null) {
            return Lineage.NONE;
        }
        return new Lineage(models.kindOf(model).reads().stream().map(Lineage::table).toList(),
                List.of(Lineage.table("ml.model_registry")));
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        ModelDefinition defined = models.definitions().get(step.text("model", null));
        return steps.step(step.name(), (run, contribution, execution) -> {
            JobParameters parameters = execution.getJobExecution().getJobParameters();
            ModelDefinition model = withRunOptions(defined, parameters);
            Optional<RegisteredModel> registered = registry.ofRun(model.name(), run.runId());
            if (registered.isPresent()) {
                return model.name() + " v" + registered.get().version() + " was registered by this run already ("
                        + registered.get().status() + ")";
            }
            LocalDate cutoff = trainingCutoff(parameters, run);
            ModelDefinition.Training training = model.training().withRun(integer(parameters, RunParameters.HORIZON_DAYS),
                    wholeNumber(parameters, RunParameters.SEED));
            Optional<RegisteredModel> champion = registry.champion(model.name());
            ModelKind.Trained trained;
            try {
                trained = models.kindOf(model).train(model, training, cutoff, run.runId(), champion);
            } catch (ModelKind.TooLittleData e) {
                return "skipped: " + e.getMessage();
            }
            PromotionRule.Decision decision = trained.decide(model);
            RegisteredModel version = registry.register(trained.candidate(), decision);
            contribution.incrementWriteCount(1);
            return model.name() + " v" + version.version() + " " + version.status() + ": " + trained.summary() + "; "
                    + decision.reason();
        });
    }

    /** The run's {@code clv_horizon_days} over the {@code clv-horizon-days} of a kind that has that option. */
    static ModelDefinition withRunOptions(ModelDefinition model, JobParameters parameters) {
        Integer clvHorizon = integer(parameters, RunParameters.CLV_HORIZON_DAYS);
        return clvHorizon != null && model.options().containsKey(CustomerValueKind.HORIZON)
                ? model.withOption(CustomerValueKind.HORIZON, clvHorizon) : model;
    }

    static LocalDate trainingCutoff(JobParameters parameters, RunParameters run) {
        String cutoff = parameters.getString(RunParameters.TRAINING_CUTOFF);
        return cutoff == null ? run.logicalDate().minusDays(1) : LocalDate.parse(cutoff);
    }

    private static Integer integer(JobParameters parameters, String name) {
        String value = parameters.getString(name);
        return value == null ? null : Integer.valueOf(value);
    }

    private static Long wholeNumber(JobParameters parameters, String name) {
        String value = parameters.getString(name);
        return value == null ? null : Long.valueOf(value);
    }
}
