package vn.ecomdss.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One stored report file, a row of {@code ops.report_file}: which report and period, the format, where it is under
 * the data directory, its size and SHA-256, and the run that made it.
 */
public record ReportFile(long id, String report, String periodKind, LocalDate periodStart, LocalDate periodEnd,
                         String periodLabel, String format, String path, long bytes, String sha256, String runId,
                         OffsetDateTime createdAt) {

    /** The name a download is saved under: {@code period-report-monthly-2026-02.pdf}. */
    public String fileName() {
        return java.nio.file.Path.of(path).getFileName().toString();
    }

    public String mediaType() {
        return ReportFormat.of(format).mediaType();
    }
}
