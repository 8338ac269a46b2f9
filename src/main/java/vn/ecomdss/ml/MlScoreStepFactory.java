package vn.ecomdss.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: ml-score} with {@code model: <name>}: scores with the model's champion as of the end of the day before
 * the logical date (the last day the ETL loaded), replacing that origin's rows. With no champion yet the step says so
 * and completes: the job's other outputs do not wait for a model.
 */
@Component
public class MlScoreStepFactory implements StepFactory {

    private final SummarisedSteps steps;
    private final Models models;
    private final ModelRegistry registry;

    public MlScoreStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, Models models,
                              ModelRegistry registry) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.models = models;
        this.registry = registry;
    }

    @Override
    public String type() {
        return "ml-score";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        MlTrainStepFactory.validateModel(step, models, problems);
    }

    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        ModelDefinition model = models.definitions().get(step.text("model", ""));
        if (model == null) {
            return Lineage.NONE;
        }
        ModelKind kind = models.kindOf(model);
        List<Lineage.Dataset> reads = new java.util.ArrayList<>(kind.reads().stream().map(Lineage::table).toList());
        reads.add(Lineage.table("ml.model_registry"));
        return new Lineage(reads, List.of(Lineage.table(kind.scores())));
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        ModelDefinition model = models.definitions().get(step.text("model", null));
        return steps.step(step.name(), (run, contribution, execution) -> {
            Optional<RegisteredModel> champion = registry.champion(model.name());
            if (champion.isEmpty()) {
                return "skipped: " + model.name() + " has no champion yet (run ml_retrain)";
            }
            LocalDate origin = run.logicalDate().minusDays(1);
            long rows = models.kindOf(model).score(model, champion.get(), origin, run.runId());
            contribution.incrementWriteCount(rows);
            return rows + " rows of " + models.kindOf(model).scores() + " by " + model.name() + " v" + champion.get().version() + " from " + origin;
        });
    }
}
