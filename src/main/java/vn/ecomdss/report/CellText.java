package vn.ecomdss.report;

import java.math.BigDecimal;
import java.time.LocalDate;

import vn.ecomdss.vn.VietnameseNumbers;

/**
 * A cell of a {@link ReportTable} as the HTML and the PDF show it, in Vietnamese notation: {@code 24.797.535.000 ₫},
 * {@code 1.234}, {@code 12,5%}, {@code +3,0%}, {@code 28/02/2026}; an empty cell is a dash. The template calls it.
 */
public final class CellText {

    static final String EMPTY = "—";

    public String text(Object cell) {
        if (cell == null) {
            return EMPTY;
        }
        if (cell instanceof ReportTable.Vnd vnd) {
            return VietnameseNumbers.vnd(vnd.amount());
        }
        if (cell instanceof ReportTable.Percent percent) {
            return VietnameseNumbers.percent(percent.ratio());
        }
        if (cell instanceof ReportTable.Change change) {
            return VietnameseNumbers.change(change.ratio());
        }
        if (cell instanceof Long count) {
            return VietnameseNumbers.whole(count);
        }
        if (cell instanceof BigDecimal decimal) {
            return VietnameseNumbers.decimal(decimal, Math.max(decimal.scale(), 0));
        }
        if (cell instanceof LocalDate date) {
            return VietnameseNumbers.date(date);
        }
        return cell.toString();
    }

    /** Whether the cell is a figure, which the table aligns right. */
    public boolean numeric(Object cell) {
        return cell instanceof Number || cell instanceof ReportTable.Vnd || cell instanceof ReportTable.Percent
                || cell instanceof ReportTable.Change;
    }
}
