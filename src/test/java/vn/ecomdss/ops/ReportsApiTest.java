package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The reports API: a viewer lists the report files and downloads one byte for byte; nobody gets anything without
 * credentials; the API is read-only, so a viewer's write is refused; bad queries name their field.
 */
class ReportsApiTest extends OpsTestSupport {

    @Test
    void aViewerListsAndDownloadsReportsAndNothingIsServedWithoutCredentials() throws Exception {
        assertThat(jobOperator.start(catalogue.jobs().get("business_reports_daily"), new JobParametersBuilder()
                .addString("run_id", "reports-api").addString("logical_date", "2024-01-02").toJobParameters())
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(get("/api/v1/reports", null).status()).isEqualTo(401);
        Answer listed = get("/api/v1/reports?period=daily", basic(VIEWER, VIEWER_PASSWORD));
        assertThat(listed.status()).isEqualTo(200);
        List<JsonNode> files = StreamSupport.stream(listed.json().spliterator(), false)
                .filter(f -> f.path("runId").asString().equals("reports-api")).toList();
        assertThat(files).extracting(f -> f.path("fileName").asString()).containsExactlyInAnyOrder(
                "period-report-daily-2024-01-01.html", "period-report-daily-2024-01-01.xlsx",
                "period-report-daily-2024-01-01.pdf");
        JsonNode pdf = files.stream().filter(f -> f.path("format").asString().equals("pdf")).findFirst().orElseThrow();
        assertThat(pdf.path("periodStart").asString()).isEqualTo("2024-01-01");
        assertThat(pdf.path("download").asString()).isEqualTo("/api/v1/reports/" + pdf.path("id").asLong() + "/file");

        assertThat(get(pdf.path("download").asString(), null).status()).isEqualTo(401);
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + pdf.path("download")
                        .asString())).header("Authorization", bearer(VIEWER_TOKEN)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"period-report-daily-2024-01-01.pdf\"");
        String path = jdbc.queryForObject("select path from ops.report_file where id = ?", String.class,
                pdf.path("id").asLong());
        assertThat(download.body()).isEqualTo(Files.readAllBytes(DATA_DIR.resolve(path)));

        assertThat(post("/api/v1/reports", basic(VIEWER, VIEWER_PASSWORD), "{}").status()).isEqualTo(403);
        Answer badPeriod = get("/api/v1/reports?period=yearly", basic(VIEWER, VIEWER_PASSWORD));
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().path("field").asString()).isEqualTo("period");
        assertThat(get("/api/v1/reports/999999/file", basic(VIEWER, VIEWER_PASSWORD)).status()).isEqualTo(404);
    }
}
