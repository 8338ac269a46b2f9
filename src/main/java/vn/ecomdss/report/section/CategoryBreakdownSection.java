package vn.ecomdss.report.section;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code by-category}: the period's sales per category of the Vietnamese tree ({@code reference/categories.yml}) that
 * the product version sold was mapped to, or the source's own category where it was not mapped.
 */
@Component
public class CategoryBreakdownSection extends SalesBreakdown {

    public CategoryBreakdownSection(NamedParameterJdbcTemplate jdbc) {
        super(jdbc, "coalesce(v.mapped_category_name, v.category, 'Không phân loại')",
                "join dw.dim_product v on v.product_key = f.product_key");
    }

    @Override
    public String name() {
        return "by-category";
    }

    @Override
    String dimension() {
        return "Category";
    }
}
