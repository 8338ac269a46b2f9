package vn.ecomdss.ops.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import vn.ecomdss.ops.OperationRefusedException;
import vn.ecomdss.report.PeriodKind;
import vn.ecomdss.report.ReportFile;
import vn.ecomdss.report.ReportStore;

/** The business reports the business_reports_* jobs made: newest first, and each file to download. */
@RestController
@RequestMapping("/api/v1/reports")
public class ReportsController {

    private static final int MAX_LIMIT = 500;

    /** A stored report file as the API lists it, with the address it downloads from. */
    public record ReportListing(long id, String report, String periodKind, LocalDate periodStart, LocalDate periodEnd,
                                String periodLabel, String format, String fileName, long bytes, String sha256,
                                String runId, OffsetDateTime createdAt, String download) {

        static ReportListing of(ReportFile file) {
            return new ReportListing(file.id(), file.report(), file.periodKind(), file.periodStart(), file.periodEnd(),
                    file.periodLabel(), file.format(), file.fileName(), file.bytes(), file.sha256(), file.runId(),
                    file.createdAt(), "/api/v1/reports/" + file.id() + "/file");
        }
    }

    private final ReportStore store;

    public ReportsController(ReportStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "Report files, newest period first, of one period kind (daily, weekly, monthly, quarterly) or all")
    public List<ReportListing> list(@RequestParam(required = false) String period,
                                    @RequestParam(defaultValue = "100") int limit) {
        if (period != null && !PeriodKind.keys().contains(period)) {
            throw OperationRefusedException.badParameter("period", "unknown period '" + period + "' (one of "
                    + PeriodKind.keys() + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OperationRefusedException.badParameter("limit", "limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return store.list(period == null ? null : PeriodKind.of(period), limit).stream().map(ReportListing::of).toList();
    }

    @GetMapping("/{id}/file")
    @Operation(summary = "One report file (HTML, XLSX or PDF) as an attachment")
    public ResponseEntity<Resource> download(@PathVariable long id) {
        ReportFile file = store.find(id).orElseThrow(() -> OperationRefusedException.notFound("report file", id));
        Path path = store.file(file);
        if (!Files.isRegularFile(path)) {
            throw OperationRefusedException.conflict("report file " + id + " (" + file.path() + ") is listed but missing "
                    + "from the data directory; run business_reports_" + file.periodKind() + " logical_date="
                    + file.periodEnd().plusDays(1) + " to make it again", java.util.Map.of("path", file.path()));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.bytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName())
                        .build().toString())
                .body(new FileSystemResource(path));
    }
}
