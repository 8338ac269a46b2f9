package vn.ecomdss.report;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * One section of a business report, named in a report definition's {@code sections:} list ({@code headline},
 * {@code by-platform}, ...). A section reads the warehouse for the period and says what to show; the renderers turn
 * that into HTML, XLSX and PDF alike. A new section is one class implementing this.
 */
public interface ReportSection {

    /** The name definitions give it. */
    String name();

    SectionContent build(ReportPeriod period);

    /**
     * The period, the one before it, the same period last year and the next one as query parameters:
     * {@code :start}, {@code :end}, {@code :previous_start}, ..., {@code :next_end}, every bound inclusive.
     */
    static MapSqlParameterSource parameters(ReportPeriod period) {
        ReportPeriod previous = period.previous();
        ReportPeriod lastYear = period.sameLastYear();
        ReportPeriod next = period.next();
        return new MapSqlParameterSource()
                .addValue("start", period.start()).addValue("end", period.end())
                .addValue("previous_start", previous.start()).addValue("previous_end", previous.end())
                .addValue("last_year_start", lastYear.start()).addValue("last_year_end", lastYear.end())
                .addValue("next_start", next.start()).addValue("next_end", next.end());
    }
}
