package vn.ecomdss.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * A chart of a section: one value per label, as bars or as slices of a whole. {@code money} says the values are
 * dong, so the axis is labelled in VND.
 */
public record ReportChart(String title, Shape shape, List<String> labels, List<BigDecimal> values, boolean money) {

    public enum Shape { BAR, PIE }

    public ReportChart {
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException("chart '" + title + "' has " + labels.size() + " labels for "
                    + values.size() + " values");
        }
        labels = List.copyOf(labels);
        values = List.copyOf(values);
    }
}
