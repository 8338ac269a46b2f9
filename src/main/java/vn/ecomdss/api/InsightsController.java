package vn.ecomdss.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** The warehouse figures behind the dashboard's KPI charts and quality panel. */
@RestController
@RequestMapping("/api/v1")
public class InsightsController {

    private final WarehouseInsights insights;

    public InsightsController(WarehouseInsights insights) {
        this.insights = insights;
    }

    @GetMapping("/kpis/sales")
    @Operation(summary = "Headline sales KPIs, revenue per month by platform and by region, top products")
    public WarehouseInsights.SalesKpis sales() {
        return insights.sales();
    }

    @GetMapping("/quality/latest")
    @Operation(summary = "The latest quality score per stage, the latest final run's checks, recent final scores")
    public WarehouseInsights.Quality quality() {
        return insights.quality();
    }
}
