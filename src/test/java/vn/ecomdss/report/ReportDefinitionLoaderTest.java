package vn.ecomdss.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.pipeline.InvalidDefinitionException;

/** Report definitions are checked as a whole, every problem named with its file and field. */
class ReportDefinitionLoaderTest {

    private static final Set<String> SECTIONS = Set.of("headline", "by-platform");

    @TempDir
    Path dir;

    @Test
    void theShippedReportHasEveryFormatARecipientAndItsSections() {
        ReportDefinition report = new ReportDefinitionLoader(Set.of("headline", "by-platform", "by-region",
                "by-category", "top-products", "acquisition", "market-share", "operations", "seasonal-uplift",
                "data-quality", "demand-forecast")).load("file:job-definitions").get("period-report");
        assertThat(report.formats()).containsExactly(ReportFormat.HTML, ReportFormat.XLSX, ReportFormat.PDF);
        assertThat(report.recipients()).containsExactly("management@ecommerce-dss.local");
        assertThat(report.sections()).startsWith("headline").endsWith("demand-forecast").hasSize(11);
    }

    @Test
    void anUnknownSectionFormatOrKeyAndABadRecipientAreAllReported() throws IOException {
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/weekly.yml"), """
                report: weekly
                formats: [pdf, docx]
                recipients: [boss@example.vn, not-an-address]
                sections: [headline, weather]
                colour: blue
                """);
        assertThatThrownBy(() -> new ReportDefinitionLoader(SECTIONS).load("file:" + dir))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "reports/weekly.yml: colour: unknown key (known: [formats, recipients, report, sections, title])",
                                "reports/weekly.yml: formats[1]: unknown format 'docx' (known: [html, xlsx, pdf])",
                                "reports/weekly.yml: recipients[1]: not an e-mail address: 'not-an-address'",
                                "reports/weekly.yml: sections[1]: unknown section 'weather' (known: [by-platform, headline])"));
    }

    @Test
    void aReportWithoutSectionsIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/empty.yml"), "report: empty\nsections: []\n");
        assertThatThrownBy(() -> new ReportDefinitionLoader(SECTIONS).load("file:" + dir))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "reports/empty.yml: sections: a report needs a non-empty list of sections (known: "
                                + List.of("by-platform", "headline") + ")"));
    }
}
