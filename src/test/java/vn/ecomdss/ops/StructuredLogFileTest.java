package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.testsupport.PlatformTestSupport;

/**
 * The application log is kept as JSON lines, as the original kept log files: every line a step logs names the job
 * execution and the step, so an operator can follow one run through the file. The application's logging
 * configuration is loaded by name (the tests' logback-test.xml would come first); the file is named here because the
 * tests' data directory is set after logging starts (the application's default is {@code <data-dir>/logs/}).
 */
@TestPropertySource(properties = {"logging.config=classpath:logback-spring.xml",
        "logging.file.name=target/structured-log-test/ecommerce-dss.log"})
class StructuredLogFileTest extends PlatformTestSupport {

    @Value("${logging.file.name}")
    Path file;

    @Test
    void everyLineAStepLogsNamesItsExecutionAndStepInTheJsonLogUnderTheDataDirectory() throws Exception {
        JobExecution run = runEtl("structured-log", "2026-11-02", "vnmarket");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = Files.readAllLines(file).stream().map(json::readTree).toList();
        List<JsonNode> ofRun = lines.stream()
                .filter(line -> line.path("dss.execution").asString("").equals(Long.toString(run.getId()))).toList();

        assertThat(ofRun).as("the run's lines in " + file).isNotEmpty();
        assertThat(ofRun).allSatisfy(line -> {
            assertThat(line.path("@timestamp").asString()).isNotBlank();
            assertThat(line.path("level").asString()).isNotBlank();
            assertThat(line.path("message").asString()).isNotBlank();
            assertThat(line.path("dss.step").asString()).isNotBlank();
        });
        assertThat(ofRun.stream().map(line -> line.path("dss.step").asString()))
                .contains("extract_vnmarket", "load_facts");
        assertThat(ofRun.stream().filter(line -> line.path("dss.step").asString().equals("extract_vnmarket"))
                .map(line -> line.path("message").asString())).anyMatch(message -> message.contains("vnmarket"));
    }
}
