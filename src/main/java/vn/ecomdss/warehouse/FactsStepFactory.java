package vn.ecomdss.warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/**
 * {@code type: facts}: loads the run's order lines into {@code dw.fact_sales} and, alongside on another
 * connection, its products and reviews into the inventory, price and review facts, then its behaviour events into
 * the daily user activity. Every load is idempotent, in transactions of its own, so a failed step is restarted as a
 * whole; inferred members are inserted in key order and skip keys another load just added, so concurrent loads
 * neither collide nor deadlock.
 */
@Component
public class FactsStepFactory implements StepFactory {

    private static final Logger log = LoggerFactory.getLogger(FactsStepFactory.class);

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final FactSalesLoader loader;
    private final ProductFactsLoader productFacts;
    private final UserActivityLoader userActivity;

    private final LoadLanes lanes;

    public FactsStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            FactSalesLoader loader, ProductFactsLoader productFacts,
                            UserActivityLoader userActivity, LoadLanes lanes) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.loader = loader;
        this.productFacts = productFacts;
        this.userActivity = userActivity;
        this.lanes = lanes;
    }

    /** What one fact load did. */
    public record Loaded(FactSalesLoader.Result sales, ProductFactsLoader.Result products,
                         UserActivityLoader.Result activity) {
    }

    /** The run's fact loads: order lines here, product facts then user activity alongside. */
    public Loaded load(RunParameters run) {
        LoadLanes.Pair<FactSalesLoader.Result, Alongside> both = lanes.both(() -> loader.load(run),
                () -> new Alongside(productFacts.load(run), userActivity.load(run)));
        return new Loaded(both.here(), both.alongside().products(), both.alongside().activity());
    }

    /** The loads that run alongside the order lines, one after the other in one transaction. */
    private record Alongside(ProductFactsLoader.Result products, UserActivityLoader.Result activity) {
    }

    @Override
    public String type() {
        return "facts";
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        return new StepBuilder(step.name(), jobRepository)
                .tasklet((contribution, context) -> {
                    StepExecution execution = context.getStepContext().getStepExecution();
                    RunParameters run = RunParameters.of(execution.getJobExecution().getJobParameters());
                    Loaded loaded = load(run);
                    FactSalesLoader.Result result = loaded.sales();
                    ProductFactsLoader.Result products = loaded.products();
                    UserActivityLoader.Result activity = loaded.activity();
                    execution.setReadCount(result.staged() + activity.staged());
                    contribution.incrementWriteCount(result.inserted() + result.updated() + activity.rows());
                    String summary = String.format("fact_sales: %d staged lines, %d inserted, %d updated, %d moved to "
                                    + "another date, %d inferred customers, %d inferred products", result.staged(),
                            result.inserted(), result.updated(), result.moved(), result.inferredCustomers(),
                            result.inferredProducts())
                            + String.format("; fact_inventory_snapshot: %d rows; fact_price_history: %d price changes; "
                                    + "fact_review: %d reviews (%d inferred products)", products.inventoryRows(),
                            products.priceChanges(), products.reviews(), products.inferredProducts())
                            + String.format("; fact_user_activity_daily: %d staged events, %d counted, %d already "
                                    + "counted, %d rows written, %d inferred customers", activity.staged(),
                            activity.counted(), activity.alreadyCounted(), activity.rows(), activity.inferredCustomers());
                    log.info("{} {}", step.name(), summary);
                    contribution.setExitStatus(contribution.getExitStatus().addExitDescription(summary));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
