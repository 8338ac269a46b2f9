package vn.ecomdss.api.analytics;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The values a filter may take, read from the dimensions themselves, so a new platform or category needs no code:
 * platform codes, regions, the Vietnamese tree's category codes that products are mapped to, campaign types.
 */
@Component
public class DimensionValues {

    /** The current version of a platform. */
    public record Platform(String code, String name, String type, BigDecimal commissionRate) {
    }

    /** A category of the Vietnamese tree that products are mapped to. */
    public record Category(String code, String name) {
    }

    private static final String PLATFORMS = """
            select distinct platform_code from dw.dim_platform order by 1
            """;
    private static final String REGIONS = """
            select distinct region from dw.dim_geography order by 1
            """;
    private static final String CATEGORIES = """
            select distinct mapped_category_code from dw.dim_product where mapped_category_code is not null order by 1
            """;
    private static final String CAMPAIGN_TYPES = """
            select distinct campaign_type from dw.campaign_period order by 1
            """;

    private static final String CURRENT_PLATFORMS = """
            select platform_code, platform_name, platform_type, commission_rate
            from dw.dim_platform where is_current order by platform_code
            """;
    private static final String MAPPED_CATEGORIES = """
            select mapped_category_code, min(mapped_category_name) as mapped_category_name
            from dw.dim_product where mapped_category_code is not null
            group by mapped_category_code order by mapped_category_code
            """;

    private final JdbcTemplate jdbc;

    public DimensionValues(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Cacheable(cacheNames = "analytics.platforms", sync = true)
    public List<String> platforms() {
        return jdbc.queryForList(PLATFORMS, String.class);
    }

    @Cacheable(cacheNames = "analytics.regions", sync = true)
    public List<String> regions() {
        return jdbc.queryForList(REGIONS, String.class);
    }

    @Cacheable(cacheNames = "analytics.categories", sync = true)
    public List<String> categories() {
        return jdbc.queryForList(CATEGORIES, String.class);
    }

    @Cacheable(cacheNames = "analytics.campaign-types", sync = true)
    public List<String> campaignTypes() {
        return jdbc.queryForList(CAMPAIGN_TYPES, String.class);
    }

    @Cacheable(cacheNames = "analytics.platform-dimension", sync = true)
    public List<Platform> currentPlatforms() {
        return jdbc.query(CURRENT_PLATFORMS, (rs, i) -> new Platform(rs.getString("platform_code"),
                rs.getString("platform_name"), rs.getString("platform_type"), rs.getBigDecimal("commission_rate")));
    }

    @Cacheable(cacheNames = "analytics.category-dimension", sync = true)
    public List<Category> mappedCategories() {
        return jdbc.query(MAPPED_CATEGORIES, (rs, i) -> new Category(rs.getString("mapped_category_code"),
                rs.getString("mapped_category_name")));
    }
}
