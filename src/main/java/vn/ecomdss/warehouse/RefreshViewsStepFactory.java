package vn.ecomdss.warehouse;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
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
 * {@code type: refresh-views} with {@code views: [...]}: refreshes the marts concurrently (readers are never
 * blocked), each in a transaction of its own; a mart built on another listed mart waits for it, the others are
 * refreshed side by side (see {@link MartRefresher#refreshAll}).
 */
@Component
public class RefreshViewsStepFactory implements StepFactory {

    private static final Pattern QUALIFIED_NAME = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    private final SummarisedSteps steps;
    private final MartRefresher refresher;

    public RefreshViewsStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   MartRefresher refresher) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.refresher = refresher;
    }

    @Override
    public String type() {
        return "refresh-views";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        List<String> views = step.list("views");
        if (views.isEmpty()) {
            problems.add(step.file(), step.field() + ".views", "list the materialised views to refresh");
        }
        for (int i = 0; i < views.size(); i++) {
            if (!QUALIFIED_NAME.matcher(views.get(i)).matches()) {
                problems.add(step.file(), step.field() + ".views[" + i + "]", "expected schema.view in lower case, got '"
                        + views.get(i) + "'");
            }
        }
    }

    /** The warehouse's facts and dimensions into the marts it refreshes. */
    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        return new Lineage(FactsStepFactory.FACTS.stream().map(Lineage::table).toList(),
                step.list("views").stream().map(Lineage::table).toList());
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        List<String> views = step.list("views");
        return steps.step(step.name(), (run, contribution, execution) -> refresh(views, contribution, execution));
    }

    /** Refreshes the views; the summary has each one's rows and time, also kept in the step's context. */
    private String refresh(List<String> views, StepContribution contribution, StepExecution execution) {
        StringBuilder summary = new StringBuilder();
        for (MartRefresher.Refresh refresh : refresher.refreshAll(views)) {
            execution.getExecutionContext().putLong("rows." + refresh.view(), refresh.rows());
            summary.append(String.format("%s: %d rows in %d ms; ", refresh.view(), refresh.rows(), refresh.millis()));
            contribution.incrementWriteCount(refresh.rows());
        }
        return summary.toString().trim();
    }
}
