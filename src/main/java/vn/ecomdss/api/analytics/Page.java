package vn.ecomdss.api.analytics;

import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** One page of rows and where it sits in the whole answer. */
public record Page<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    static <T> Page<T> of(List<T> content, PageRequest request, long totalElements) {
        return new Page<>(List.copyOf(content), request.page(), request.size(), totalElements,
                (int) ((totalElements + request.size() - 1) / request.size()));
    }

    /**
     * One page of a query's rows and the count of all of them. The query is one of the callers' own text blocks,
     * ordered completely so that pages do not overlap; only the fixed paging clauses are added to it.
     */
    static <T> Page<T> query(NamedParameterJdbcTemplate jdbc, String sql, MapSqlParameterSource parameters,
                             RowMapper<T> rows, PageRequest request) {
        Long total = jdbc.queryForObject("select count(*) from (" + sql + ") as counted", parameters, Long.class);
        parameters.addValue("pageLimit", request.size()).addValue("pageOffset", request.offset());
        List<T> content = jdbc.query(sql + " limit :pageLimit offset :pageOffset", parameters, rows);
        return of(content, request, total == null ? 0 : total);
    }
}
