package vn.ecomdss.api.graphql;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import vn.ecomdss.api.InvalidParameterException;
import vn.ecomdss.api.analytics.AnalyticsFilters;
import vn.ecomdss.api.analytics.DimensionValues;
import vn.ecomdss.api.analytics.KpiAnalytics;
import vn.ecomdss.api.analytics.MlOutputs;
import vn.ecomdss.api.analytics.Page;
import vn.ecomdss.api.analytics.PageRequest;
import vn.ecomdss.api.analytics.SalesAnalytics;
import vn.ecomdss.api.analytics.SalesFilter;

/**
 * The GraphQL schema of {@code graphql/analytics.graphqls} answered by the same queries, filters and caches as the
 * REST API, so the two always agree. Nested fields (a category's products, a product's forecast, a customer's
 * value) are one query each, paged; the depth and complexity limits keep a query's number of them bounded.
 */
@Controller
public class AnalyticsGraphQlController {

    /** What the {@code filter} argument carries; validated into a {@link SalesFilter}. */
    public record SalesFilterInput(String from, String to, String platform, String region, String category) {
    }

    private final AnalyticsFilters filters;
    private final DimensionValues dimensions;
    private final SalesAnalytics sales;
    private final KpiAnalytics kpis;
    private final MlOutputs ml;

    public AnalyticsGraphQlController(AnalyticsFilters filters, DimensionValues dimensions, SalesAnalytics sales,
                                      KpiAnalytics kpis, MlOutputs ml) {
        this.filters = filters;
        this.dimensions = dimensions;
        this.sales = sales;
        this.kpis = kpis;
        this.ml = ml;
    }

    @QueryMapping
    public Page<SalesAnalytics.MonthlySales> monthlySales(@Argument SalesFilterInput filter, @Argument Integer page,
                                                          @Argument Integer size) {
        return sales.monthly(filter(filter), PageRequest.of(page, size));
    }

    @QueryMapping
    public Page<SalesAnalytics.GroupRevenue> revenueByPlatform(@Argument SalesFilterInput filter,
                                                               @Argument Integer page, @Argument Integer size) {
        return sales.byPlatform(filter(filter), PageRequest.of(page, size));
    }

    @QueryMapping
    public Page<SalesAnalytics.GroupRevenue> revenueByRegion(@Argument SalesFilterInput filter, @Argument Integer page,
                                                             @Argument Integer size) {
        return sales.byRegion(filter(filter), PageRequest.of(page, size));
    }

    @QueryMapping
    public Page<SalesAnalytics.GroupRevenue> revenueByCategory(@Argument SalesFilterInput filter,
                                                               @Argument Integer page, @Argument Integer size) {
        return sales.byCategory(filter(filter), PageRequest.of(page, size));
    }

    @QueryMapping
    public Page<SalesAnalytics.TopProduct> topProducts(@Argument String by, @Argument String category,
                                                       @Argument Integer page, @Argument Integer size) {
        return sales.topProducts(ranking(by), filters.category(category), PageRequest.of(page, size));
    }

    @QueryMapping
    public Page<SalesAnalytics.SegmentSummary> customerSegments(@Argument String kind, @Argument String region,
                                                                @Argument Integer page, @Argument Integer size) {
        String chosen = AnalyticsFilters.choice("kind", kind, List.of("rfm", "profile"));
        if (chosen.equals("rfm") && region != null) {
            throw new InvalidParameterException("region", "region applies to kind profile only: the RFM mart "
                    + "carries no region");
        }
        return sales.segments(chosen, filters.region(region), PageRequest.of(page, size));
    }

    @QueryMapping
    public Page<SalesAnalytics.Customer> customers(@Argument String region, @Argument String segment,
                                                   @Argument Integer page, @Argument Integer size) {
        return sales.customers(filters.region(region), AnalyticsFilters.known("segment", segment,
                () -> SalesAnalytics.RFM_SEGMENTS), PageRequest.of(page, size));
    }

    @QueryMapping
    public Page<SalesAnalytics.CampaignUplift> campaignUplift(@Argument String from, @Argument String to,
                                                              @Argument String type, @Argument Integer page,
                                                              @Argument Integer size) {
        SalesFilter dates = filters.sales(from, to, null, null, null);
        return sales.uplift(dates.from(), dates.to(), filters.campaignType(type), PageRequest.of(page, size));
    }

    /** The filter itself; each KPI family below is resolved from it only when asked for. */
    @QueryMapping
    public SalesFilter kpis(@Argument SalesFilterInput filter) {
        return filter(filter);
    }

    @SchemaMapping(typeName = "Kpis")
    public KpiAnalytics.RevenueKpis revenue(SalesFilter filter) {
        return kpis.revenue(filter);
    }

    /** As over REST: customers have no platform, so the filter's region and months apply. */
    @SchemaMapping(typeName = "Kpis")
    public KpiAnalytics.AcquisitionKpis customerAcquisition(SalesFilter filter) {
        return kpis.acquisition(new SalesFilter(filter.from(), filter.to(), null, filter.region(), null));
    }

    /** As over REST: the platform comparison has no region, so the filter's platform and months apply. */
    @SchemaMapping(typeName = "Kpis")
    public KpiAnalytics.MarketShareKpis marketShare(SalesFilter filter) {
        return kpis.marketShare(new SalesFilter(filter.from(), filter.to(), filter.platform(), null, null));
    }

    @SchemaMapping(typeName = "Kpis")
    public KpiAnalytics.EfficiencyKpis operationalEfficiency(SalesFilter filter) {
        return kpis.efficiency(new SalesFilter(filter.from(), filter.to(), filter.platform(), null, null));
    }

    @QueryMapping
    public List<DimensionValues.Platform> platforms() {
        return dimensions.currentPlatforms();
    }

    @SchemaMapping(typeName = "Platform")
    public Page<SalesAnalytics.MonthlySales> monthlySales(DimensionValues.Platform platform,
                                                          @Argument SalesFilterInput filter, @Argument Integer page,
                                                          @Argument Integer size) {
        SalesFilter within = filter(filter);
        return sales.monthly(new SalesFilter(within.from(), within.to(), platform.code(), within.region(), null),
                PageRequest.of(page, size));
    }

    @QueryMapping
    public List<DimensionValues.Category> categories() {
        return dimensions.mappedCategories();
    }

    @SchemaMapping(typeName = "Category")
    public Page<SalesAnalytics.TopProduct> products(DimensionValues.Category category, @Argument String by,
                                                    @Argument Integer page, @Argument Integer size) {
        return sales.topProducts(ranking(by), category.code(), PageRequest.of(page, size));
    }

    @SchemaMapping(typeName = "Product")
    public DimensionValues.Category mappedCategory(SalesAnalytics.TopProduct product) {
        return product.mappedCategoryCode() == null ? null
                : new DimensionValues.Category(product.mappedCategoryCode(), product.mappedCategoryName());
    }

    @SchemaMapping(typeName = "Product")
    public MlOutputs.MlAnswer<MlOutputs.DemandForecast> demandForecast(SalesAnalytics.TopProduct product,
                                                                       @Argument Integer page, @Argument Integer size) {
        return ml.demandForecast(product.source(), product.productId(), PageRequest.of(page, size));
    }

    @SchemaMapping(typeName = "Customer")
    public MlOutputs.MlAnswer<MlOutputs.CustomerValue> value(SalesAnalytics.Customer customer) {
        return ml.customerValue(customer.source(), customer.customerId(), null, PageRequest.of(0, 1));
    }

    @SchemaMapping(typeName = "Customer")
    public MlOutputs.MlAnswer<MlOutputs.Recommendation> recommendations(SalesAnalytics.Customer customer,
                                                                        @Argument Integer page,
                                                                        @Argument Integer size) {
        return ml.recommendations(customer.source(), customer.customerId(), PageRequest.of(page, size));
    }

    @QueryMapping
    public MlOutputs.MlAnswer<MlOutputs.DemandForecast> demandForecast(@Argument String source,
                                                                       @Argument String productId,
                                                                       @Argument Integer page, @Argument Integer size) {
        return ml.demandForecast(source, productId, PageRequest.of(page, size));
    }

    @QueryMapping
    public MlOutputs.MlAnswer<MlOutputs.CustomerValue> customerValue(@Argument String source,
                                                                     @Argument String customerId,
                                                                     @Argument String segment, @Argument Integer page,
                                                                     @Argument Integer size) {
        return ml.customerValue(source, customerId, segment, PageRequest.of(page, size));
    }

    @QueryMapping
    public MlOutputs.MlAnswer<MlOutputs.Recommendation> recommendations(@Argument String source,
                                                                        @Argument String customerId,
                                                                        @Argument Integer page,
                                                                        @Argument Integer size) {
        return ml.recommendations(source, customerId, PageRequest.of(page, size));
    }

    private SalesFilter filter(SalesFilterInput input) {
        return input == null ? SalesFilter.NONE
                : filters.sales(input.from(), input.to(), input.platform(), input.region(), input.category());
    }

    private static String ranking(String by) {
        return AnalyticsFilters.choice("by", by, List.of("revenue", "units"));
    }
}
