package vn.ecomdss.api.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;


/**
 * The depth and complexity limits as graphql-java instrumentations, which Spring for GraphQL applies to every query
 * before it runs; a refused query is answered with one error naming the limit and the setting that holds it.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlLimitsConfiguration {

    /** Rows of a page for which a paged field's selections are counted once more. */
    private static final int ROWS_PER_UNIT = 10;

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphQlLimits limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return new AbortExecutionException("query depth " + depth + " exceeds the maximum depth of "
                        + maxDepth + " (dss.graphql.max-depth); select fewer nested levels");
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphQlLimits limits) {
        FieldComplexityCalculator pagedCost = (environment, childComplexity) -> {
            Object size = environment.getArguments().get("size");
            int units = size instanceof Integer rows
                    ? Math.max(1, (rows + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT)
                    : 1;
            return 1 + childComplexity * units;
        };
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), pagedCost) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return new AbortExecutionException("query complexity " + complexity + " exceeds the maximum "
                        + "complexity of " + maxComplexity + " (dss.graphql.max-complexity); select fewer fields "
                        + "or smaller pages (size)");
            }
        };
    }
}
