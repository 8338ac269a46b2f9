package vn.ecomdss.api.analytics;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.ecomdss.api.InvalidParameterException;

/**
 * The analytics REST API over the marts, for a VIEWER. Dates are {@code YYYY-MM-DD} and select whole months (the
 * marts are monthly); platform, region and category are values of the dimensions; lists come in pages of
 * {@code size} rows (default 50, at most 500). A bad parameter is a 400 problem detail naming it.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics", description = "Revenue, products, customers, campaigns, KPIs and model outputs")
public class AnalyticsController {

    private final AnalyticsFilters filters;
    private final SalesAnalytics sales;
    private final KpiAnalytics kpis;
    private final MlOutputs ml;

    public AnalyticsController(AnalyticsFilters filters, SalesAnalytics sales, KpiAnalytics kpis, MlOutputs ml) {
        this.filters = filters;
        this.sales = sales;
        this.kpis = kpis;
        this.ml = ml;
    }

    @GetMapping("/revenue/monthly")
    @Operation(summary = "Orders, units, revenue and customers per month, platform and region (mart.mv_monthly_sales)")
    public Page<SalesAnalytics.MonthlySales> monthly(
            @Parameter(description = "first day, YYYY-MM-DD; its whole month is included")
            @RequestParam(required = false) String from,
            @Parameter(description = "last day, YYYY-MM-DD; its whole month is included")
            @RequestParam(required = false) String to,
            @Parameter(description = "platform code, e.g. shopee") @RequestParam(required = false) String platform,
            @Parameter(description = "NORTH, CENTRAL, SOUTH or Unknown") @RequestParam(required = false) String region,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return sales.monthly(filters.sales(from, to, platform, region, null), PageRequest.of(page, size));
    }

    @GetMapping("/revenue/by-platform")
    @Operation(summary = "Revenue per platform over the months, largest first")
    public Page<SalesAnalytics.GroupRevenue> byPlatform(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String platform, @RequestParam(required = false) String region,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return sales.byPlatform(filters.sales(from, to, platform, region, null), PageRequest.of(page, size));
    }

    @GetMapping("/revenue/by-region")
    @Operation(summary = "Revenue per region over the months, largest first")
    public Page<SalesAnalytics.GroupRevenue> byRegion(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String platform, @RequestParam(required = false) String region,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return sales.byRegion(filters.sales(from, to, platform, region, null), PageRequest.of(page, size));
    }

    @GetMapping("/revenue/by-category")
    @Operation(summary = "Revenue per Vietnamese category (mapped_category_code) over the months, from the facts")
    public Page<SalesAnalytics.GroupRevenue> byCategory(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String platform, @RequestParam(required = false) String region,
            @Parameter(description = "a category code of reference/categories.yml, e.g. thoi-trang")
            @RequestParam(required = false) String category,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return sales.byCategory(filters.sales(from, to, platform, region, category), PageRequest.of(page, size));
    }

    @GetMapping("/products/top")
    @Operation(summary = "Products ranked by revenue or units (mart.mv_product_performance)")
    public Page<SalesAnalytics.TopProduct> topProducts(
            @Parameter(description = "revenue (default) or units") @RequestParam(required = false) String by,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return sales.topProducts(AnalyticsFilters.choice("by", by, List.of("revenue", "units")),
                filters.category(category), PageRequest.of(page, size));
    }

    @GetMapping("/customers/segments")
    @Operation(summary = "Customers, orders and revenue per RFM segment (mart.mv_customer_rfm) or profile segment")
    public Page<SalesAnalytics.SegmentSummary> segments(
            @Parameter(description = "rfm (default) or profile") @RequestParam(required = false) String kind,
            @Parameter(description = "only for kind=profile") @RequestParam(required = false) String region,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String chosen = AnalyticsFilters.choice("kind", kind, List.of("rfm", "profile"));
        if (chosen.equals("rfm") && region != null) {
            throw new InvalidParameterException("region", "region applies to kind=profile only: "
                    + "the RFM mart carries no region");
        }
        return sales.segments(chosen, filters.region(region), PageRequest.of(page, size));
    }

    @GetMapping("/customers")
    @Operation(summary = "Customers by revenue with their RFM segment (mart.mv_customer_analytics, mv_customer_rfm)")
    public Page<SalesAnalytics.Customer> customers(
            @RequestParam(required = false) String region,
            @Parameter(description = "an RFM segment, e.g. champions") @RequestParam(required = false) String segment,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return sales.customers(filters.region(region), AnalyticsFilters.known("segment", segment,
                () -> SalesAnalytics.RFM_SEGMENTS), PageRequest.of(page, size));
    }

    @GetMapping("/uplift")
    @Operation(summary = "Campaign and Tết uplift against comparable ordinary days (mart.mv_campaign_uplift)")
    public Page<SalesAnalytics.CampaignUplift> uplift(
            @Parameter(description = "campaigns ending on or after this day")
            @RequestParam(required = false) String from,
            @Parameter(description = "campaigns starting on or before this day")
            @RequestParam(required = false) String to,
            @Parameter(description = "a campaign type of dw.campaign_period")
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        SalesFilter dates = filters.sales(from, to, null, null, null);
        return sales.uplift(dates.from(), dates.to(), filters.campaignType(type), PageRequest.of(page, size));
    }

    @GetMapping("/kpis/revenue")
    @Operation(summary = "Revenue KPIs: revenue, orders, units, average order value, month-on-month growth")
    public KpiAnalytics.RevenueKpis revenueKpis(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String platform, @RequestParam(required = false) String region) {
        return kpis.revenue(filters.sales(from, to, platform, region, null));
    }

    @GetMapping("/kpis/customer-acquisition")
    @Operation(summary = "Customer acquisition KPIs: new customers by first-order month, and how many ordered again")
    public KpiAnalytics.AcquisitionKpis acquisitionKpis(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String region) {
        return kpis.acquisition(filters.sales(from, to, null, region, null));
    }

    @GetMapping("/kpis/market-share")
    @Operation(summary = "Market share KPIs: each platform's share of revenue, over the months and per month")
    public KpiAnalytics.MarketShareKpis marketShareKpis(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String platform) {
        return kpis.marketShare(filters.sales(from, to, platform, null, null));
    }

    @GetMapping("/kpis/operational-efficiency")
    @Operation(summary = "Operational efficiency KPIs: cancel/return ratios per month and platform, job and step "
            + "durations")
    public KpiAnalytics.EfficiencyKpis efficiencyKpis(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String platform) {
        return kpis.efficiency(filters.sales(from, to, platform, null, null));
    }

    @GetMapping("/ml/demand-forecast")
    @Operation(summary = "Demand forecasts of the champion model (ml.demand_forecast), or 'no champion yet'")
    public MlOutputs.MlAnswer<MlOutputs.DemandForecast> demandForecast(
            @RequestParam(required = false) String source, @RequestParam(required = false) String productId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return ml.demandForecast(source, productId, PageRequest.of(page, size));
    }

    @GetMapping("/ml/customer-value")
    @Operation(summary = "Predicted customer value and churn (ml.customer_value), or 'no champion yet'")
    public MlOutputs.MlAnswer<MlOutputs.CustomerValue> customerValue(
            @RequestParam(required = false) String source, @RequestParam(required = false) String customerId,
            @RequestParam(required = false) String segment,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return ml.customerValue(source, customerId, segment, PageRequest.of(page, size));
    }

    @GetMapping("/ml/recommendations")
    @Operation(summary = "Product recommendations per customer (ml.recommendation), or 'no champion yet'")
    public MlOutputs.MlAnswer<MlOutputs.Recommendation> recommendations(
            @RequestParam(required = false) String source, @RequestParam(required = false) String customerId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return ml.recommendations(source, customerId, PageRequest.of(page, size));
    }
}
