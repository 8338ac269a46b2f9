package vn.ecomdss.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * A table of a report section: a title, the column headers and the rows. A cell is text, a {@code Long} count, a
 * {@code BigDecimal} figure, a {@code LocalDate}, one of the records below (so that every format shows an amount as
 * money and a ratio as a percentage), or null where there is nothing to show (a change against an empty period).
 */
public record ReportTable(String title, List<String> headers, List<List<Object>> rows) {

    public ReportTable {
        headers = List.copyOf(headers);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != headers.size()) {
                throw new IllegalArgumentException("row " + i + " of table '" + title + "' has " + rows.get(i).size()
                        + " cells for " + headers.size() + " columns");
            }
        }
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** An amount in dong. */
    public record Vnd(BigDecimal amount) {
    }

    /** A share or rate, 0.125 shown as 12,5%. */
    public record Percent(BigDecimal ratio) {
    }

    /** A change against another period, 0.125 shown as +12,5%. */
    public record Change(BigDecimal ratio) {

        /** {@code current} against {@code base}; null (nothing to show) when the base is absent or zero. */
        public static Change between(BigDecimal current, BigDecimal base) {
            if (current == null || base == null || base.signum() == 0) {
                return null;
            }
            return new Change(current.divide(base, 6, java.math.RoundingMode.HALF_UP).subtract(BigDecimal.ONE));
        }
    }

    /** Revenue per order in whole dong, as the marts round it; null without orders. */
    public static Vnd averageOrderValue(BigDecimal revenue, long orders) {
        return orders == 0 || revenue == null ? null
                : new Vnd(revenue.divide(BigDecimal.valueOf(orders), 0, java.math.RoundingMode.HALF_UP));
    }

    /** The cells of one column, for tests and charts. */
    public List<Object> column(String header) {
        int index = headers.indexOf(header);
        if (index < 0) {
            throw new IllegalArgumentException("table '" + title + "' has no column '" + header + "' (it has " + headers
                    + ")");
        }
        return rows.stream().map(r -> r.get(index)).toList();
    }
}
