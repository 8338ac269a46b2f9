package vn.ecomdss.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import vn.ecomdss.DssProperties;

/**
 * Keeps report files under {@code <data-dir>/reports/<report>/<period kind>/} and lists them in
 * {@code ops.report_file}. A period's file always has the same path and row, so re-running the period replaces both:
 * the file through a temporary file moved over the old one, so a reader never sees half a report.
 */
@Component
public class ReportStore {

    private static final String UPSERT = """
            insert into ops.report_file (report, period_kind, period_start, period_end, period_label, format, path,
                                         bytes, sha256, run_id, created_at)
            values (:report, :period_kind, :period_start, :period_end, :period_label, :format, :path, :bytes, :sha256,
                    :run_id, now())
            on conflict (report, period_kind, period_start, format) do update
                set period_end = excluded.period_end, period_label = excluded.period_label, path = excluded.path,
                    bytes = excluded.bytes, sha256 = excluded.sha256, run_id = excluded.run_id,
                    created_at = excluded.created_at
            """;

    private static final String SELECT = """
            select id, report, period_kind, period_start, period_end, period_label, format, path, bytes, sha256,
                   run_id, created_at
            from ops.report_file
            """;

    private static final String LIST = SELECT + """
            where (cast(:period_kind as text) is null or period_kind = :period_kind)
            order by period_start desc, report, period_kind, format
            limit :limit
            """;

    private static final String BY_ID = SELECT + "where id = :id";

    private final NamedParameterJdbcTemplate jdbc;
    private final Path dataDir;

    public ReportStore(NamedParameterJdbcTemplate jdbc, DssProperties properties) {
        this.jdbc = jdbc;
        this.dataDir = properties.dataDir();
    }

    /** Writes the file of one format and records it, replacing what an earlier run made for the period. */
    public ReportFile store(BusinessReport report, ReportFormat format, byte[] content) {
        Path relative = Path.of("reports", report.definition().name(), report.period().kind().key(),
                report.fileStem() + "." + format.key());
        Path target = dataDir.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), report.fileStem(), ".partial");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report file " + target, e);
        }
        jdbc.update(UPSERT, new MapSqlParameterSource()
                .addValue("report", report.definition().name())
                .addValue("period_kind", report.period().kind().key())
                .addValue("period_start", report.period().start())
                .addValue("period_end", report.period().end())
                .addValue("period_label", report.period().label())
                .addValue("format", format.key())
                .addValue("path", relative.toString())
                .addValue("bytes", content.length)
                .addValue("sha256", sha256(content))
                .addValue("run_id", report.runId()));
        return find(report, format).orElseThrow();
    }

    /** The newest report files first, of one period kind or all (null). */
    public List<ReportFile> list(PeriodKind kind, int limit) {
        return jdbc.query(LIST, new MapSqlParameterSource("period_kind", kind == null ? null : kind.key())
                .addValue("limit", limit), ReportStore::row);
    }

    public Optional<ReportFile> find(long id) {
        return jdbc.query(BY_ID, new MapSqlParameterSource("id", id), ReportStore::row).stream().findFirst();
    }

    /** Where a stored file is on disk. */
    public Path file(ReportFile file) {
        return dataDir.resolve(file.path());
    }

    private Optional<ReportFile> find(BusinessReport report, ReportFormat format) {
        return jdbc.query(SELECT + """
                where report = :report and period_kind = :period_kind and period_start = :period_start
                  and format = :format
                """, new MapSqlParameterSource("report", report.definition().name())
                .addValue("period_kind", report.period().kind().key())
                .addValue("period_start", report.period().start())
                .addValue("format", format.key()), ReportStore::row).stream().findFirst();
    }

    private static ReportFile row(ResultSet rs, int rowNum) throws SQLException {
        return new ReportFile(rs.getLong("id"), rs.getString("report"), rs.getString("period_kind"),
                rs.getObject("period_start", java.time.LocalDate.class), rs.getObject("period_end", java.time.LocalDate.class),
                rs.getString("period_label"), rs.getString("format"), rs.getString("path"), rs.getLong("bytes"),
                rs.getString("sha256"), rs.getString("run_id"), rs.getObject("created_at", java.time.OffsetDateTime.class));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
