package vn.ecomdss.warehouse;

import java.util.List;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.Lineage;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: facts}: loads the run's order lines into {@code dw.fact_sales} and, alongside on another
 * connection, its products and reviews into the inventory, price and review facts, its returns into
 * {@code dw.fact_return}, its promotions into {@code dw.fact_promotion}, then its behaviour events into the daily
 * user activity. Every load is idempotent, in transactions of its own, so a failed step is restarted as a whole;
 * inferred members are inserted in key order and skip keys another load just added, so concurrent loads neither
 * collide nor deadlock.
 */
@Component
public class FactsStepFactory implements StepFactory {

    /** The staging tables it loads from and the facts it loads, as the lineage events name them. */
    static final List<String> STAGED = List.of("staging.sales_line", "staging.product", "staging.review",
            "staging.product_return", "staging.promotion", "staging.activity_event");
    static final List<String> FACTS = List.of("dw.fact_sales", "dw.fact_inventory_snapshot", "dw.fact_price_history",
            "dw.fact_review", "dw.fact_return", "dw.fact_promotion", "dw.fact_user_activity_daily");

    private final SummarisedSteps steps;
    private final FactSalesLoader loader;
    private final ProductFactsLoader productFacts;
    private final FactReturnLoader returns;
    private final FactPromotionLoader promotions;
    private final UserActivityLoader userActivity;
    private final LoadLanes lanes;

    public FactsStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            FactSalesLoader loader, ProductFactsLoader productFacts, FactReturnLoader returns,
                            FactPromotionLoader promotions, UserActivityLoader userActivity, LoadLanes lanes) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.loader = loader;
        this.productFacts = productFacts;
        this.returns = returns;
        this.promotions = promotions;
        this.userActivity = userActivity;
        this.lanes = lanes;
    }

    /** What one fact load did. */
    public record Loaded(FactSalesLoader.Result sales, ProductFactsLoader.Result products,
                         FactReturnLoader.Result returns, FactPromotionLoader.Result promotions,
                         UserActivityLoader.Result activity) {

        /** The staged order lines and behaviour events the loads read. */
        public long read() {
            return sales.staged() + activity.staged();
        }

        /** The fact_sales, fact_return and fact_promotion rows inserted or updated and the daily activity rows written. */
        public long written() {
            return sales.inserted() + sales.updated() + returns.returns() + promotions.promotions() + activity.rows();
        }

        public String summary() {
            return String.format("fact_sales: %d staged lines, %d inserted, %d updated, %d moved to another date, "
                            + "%d inferred customers, %d inferred products, %d real-time lines reconciled",
                    sales.staged(), sales.inserted(), sales.updated(), sales.moved(), sales.inferredCustomers(),
                    sales.inferredProducts(), sales.reconciled())
                    + String.format("; fact_inventory_snapshot: %d rows; fact_price_history: %d price changes; "
                                    + "fact_review: %d reviews (%d inferred products)", products.inventoryRows(),
                            products.priceChanges(), products.reviews(), products.inferredProducts())
                    + String.format("; fact_return: %d returns (%d inferred products)", returns.returns(),
                            returns.inferredProducts())
                    + String.format("; fact_promotion: %d promotions (%d inferred products)", promotions.promotions(),
                            promotions.inferredProducts())
                    + String.format("; fact_user_activity_daily: %d staged events, %d counted, %d already counted, "
                                    + "%d rows written, %d inferred customers", activity.staged(), activity.counted(),
                            activity.alreadyCounted(), activity.rows(), activity.inferredCustomers());
        }
    }

    /** The run's fact loads: order lines here, product facts, returns, promotions then user activity alongside. */
    public Loaded load(RunParameters run) {
        LoadLanes.Pair<FactSalesLoader.Result, Alongside> both = lanes.both(() -> loader.load(run),
                () -> new Alongside(productFacts.load(run), returns.load(run), promotions.load(run),
                        userActivity.load(run)));
        return new Loaded(both.here(), both.alongside().products(), both.alongside().returns(),
                both.alongside().promotions(), both.alongside().activity());
    }

    /** The loads that run alongside the order lines, one after the other in one transaction. */
    private record Alongside(ProductFactsLoader.Result products, FactReturnLoader.Result returns,
                             FactPromotionLoader.Result promotions, UserActivityLoader.Result activity) {
    }

    @Override
    public String type() {
        return "facts";
    }

    /** The run's staged lines, products, reviews, returns, promotions and events into the facts. */
    @Override
    public Lineage lineage(StepDefinition step, SourceCatalogue sources) {
        return new Lineage(STAGED.stream().map(Lineage::table).toList(), FACTS.stream().map(Lineage::table).toList());
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        return steps.step(step.name(), (run, contribution, execution) -> {
            Loaded loaded = load(run);
            execution.setReadCount(loaded.read());
            contribution.incrementWriteCount(loaded.written());
            return loaded.summary();
        });
    }
}
