package vn.ecomdss.api.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How large a GraphQL query may be: {@code maxDepth} levels of selection (default 10; the schema nests categories,
 * products and forecasts into each other, so depth is not bounded by the schema) and {@code maxComplexity} (default
 * 1000), where a field costs 1 plus its selections, and a paged field its selections once per 10 rows of its
 * {@code size}.
 */
@ConfigurationProperties("dss.graphql")
public record GraphQlLimits(Integer maxDepth, Integer maxComplexity) {

    public GraphQlLimits {
        maxDepth = maxDepth == null ? 10 : maxDepth;
        maxComplexity = maxComplexity == null ? 1000 : maxComplexity;
        if (maxDepth < 1 || maxComplexity < 1) {
            throw new IllegalArgumentException("dss.graphql.max-depth and max-complexity must be 1 or more, got "
                    + maxDepth + " and " + maxComplexity);
        }
    }
}
