package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.ecomdss.testsupport.DashboardBrowser;

/**
 * The dashboard in Debian's headless Chromium: an operator signs in, launches dss_etl, watches its steps progress,
 * restarts the run that failed in load_facts from the page and sees the sales KPIs; a viewer finds the business
 * reports and downloads one. Screenshots go to
 * {@code target/screenshots/}.
 */
class DashboardBrowserTest extends OpsTestSupport {

    @RegisterExtension
    final DashboardBrowser dashboard = new DashboardBrowser(1400, 2600, Duration.ofMinutes(2));

    @Test
    void operatorLaunchesWatchesRestartsAFailedRunAndSeesTheKpis() throws Exception {
        WebDriver browser = dashboard.browser();
        WebDriverWait wait = dashboard.waiting();
        doThrow(new IllegalStateException("injected fault in load_facts")).doCallRealMethod()
                .when(factSalesLoader).load(any());

        dashboard.signIn(baseUrl(), OPERATOR, OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-dss_etl")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), OPERATOR + " (OPERATOR)"));
        assertThat(browser.findElement(By.id("job-comprehensive_ecommerce_dss")).getText())
                .contains("0 2 * * *", "Asia/Ho_Chi_Minh");
        dashboard.screenshot("01-signed-in");

        browser.findElement(By.id("launch-sources-dss_etl")).sendKeys("vnmarket");
        browser.findElement(By.id("launch-date-dss_etl")).sendKeys("2026-11-01");
        browser.findElement(By.id("launch-dss_etl")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Launch of dss_etl accepted"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "STARTED"));
        wait.until(d -> d.findElements(By.cssSelector("#steps tbody tr")).size() >= 2);
        String failedRun = browser.findElement(By.id("run-id")).getText();
        assertThat(browser.findElement(By.id("run-progress-text")).getText()).endsWith("of " + etlSteps() + " steps completed in this execution");
        dashboard.screenshot("02-progress");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-load_dimensions"), "COMPLETED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "FAILED"));
        assertThat(browser.findElement(By.id("step-load_facts")).getText()).contains("FAILED");
        assertThat(browser.findElement(By.id("run-exit")).getText()).contains("injected fault in load_facts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restart-button")));
        wait.until(ExpectedConditions.attributeToBe(By.id("dag-load_facts"), "data-status", "FAILED"));
        assertThat(browser.findElement(By.id("dag-load_dimensions")).getAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(browser.findElement(By.id("dag-refresh_materialized_views")).getAttribute("data-status"))
                .as("never reached").isEqualTo("NOT_RUN");
        assertThat(browser.findElements(By.cssSelector("#run-gantt rect.bar.FAILED"))).hasSize(1);
        browser.findElement(By.id("step-load_facts")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-log"), "injected fault in load_facts"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts"), "job_failure:dss_etl"));
        dashboard.screenshot("03-failed");

        browser.findElement(By.id("restart-button")).click();
        wait.until(d -> !d.findElement(By.id("run-id")).getText().equals(failedRun));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "COMPLETED"));
        assertThat(browser.findElement(By.id("step-load_facts")).getText()).contains("COMPLETED");
        assertThat(browser.findElements(By.id("step-extract_vnmarket"))).as("completed steps are not rerun").isEmpty();
        assertThat(browser.findElement(By.id("run-progress-text")).getText()).as("load_facts and the four steps after it")
                .startsWith("5 of " + etlSteps());

        wait.until(ExpectedConditions.attributeToBe(By.id("dag-load_facts"), "data-status", "COMPLETED"));
        assertThat(browser.findElement(By.id("dag-extract_vnmarket")).getAttribute("data-status"))
                .as("the restart ran load_facts on").isEqualTo("NOT_RUN");
        assertThat(browser.findElements(By.cssSelector("#run-gantt rect.bar"))).hasSize(5);
        browser.findElement(By.cssSelector("#dag-load_facts rect")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-log"), "load_facts: fact_sales:"));
        assertThat(browser.findElement(By.id("step-log-title")).getText()).isEqualTo("Log of load_facts in execution "
                + browser.findElement(By.id("run-id")).getText());
        dashboard.screenshot("05-dag-gantt-log");

        wait.until(d -> !d.findElement(By.cssSelector("#kpi-revenue .value")).getText().startsWith("0 "));
        wait.until(d -> d.findElements(By.cssSelector("#chart-platform rect.bar")).size() > 0);
        assertThat(browser.findElements(By.cssSelector("#chart-region rect.bar"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart-products rect.bar"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.id("quality-final")).getText()).contains("final score");
        assertThat(browser.findElement(By.id("legend-platform")).getText()).isNotBlank();
        dashboard.screenshot("04-restarted-and-kpis");

        assertThat(count("select count(*) from ops.audit_log where actor = ? and action = 'restart' "
                + "and outcome = 'accepted' and target = ?", OPERATOR, "execution " + failedRun.substring(1)))
                .isEqualTo(1);
    }

    @Test
    void viewerSeesTheReportsPanelAndDownloadsAReport() throws Exception {
        WebDriver browser = dashboard.browser();
        WebDriverWait wait = dashboard.waiting();
        assertThat(jobOperator.start(catalogue.jobs().get("business_reports_monthly"), new JobParametersBuilder()
                .addString("run_id", "dashboard-reports").addString("logical_date", "2024-02-01").toJobParameters())
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long pdf = count("select id from ops.report_file where run_id = 'dashboard-reports' and format = 'pdf'");

        dashboard.signIn(baseUrl(), VIEWER, VIEWER_PASSWORD);
        By row = By.id("report-period-report-monthly-2024-01");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(browser.findElement(row).getText()).contains("monthly 2024-01", "01/01/2024 – 31/01/2024",
                "dashboard-reports", "HTML", "XLSX", "PDF");
        WebElement link = browser.findElement(row).findElements(By.cssSelector("a.report-link")).stream()
                .filter(a -> a.getText().equals("PDF")).findFirst().orElseThrow();
        assertThat(link.getAttribute("href")).isEqualTo(baseUrl() + "/api/v1/reports/" + pdf + "/file");
        Object fetched = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength)))
                  .catch(e => done('failed ' + e));
                """, link.getAttribute("href"));
        assertThat(fetched).isEqualTo("200 application/pdf " + count("select bytes from ops.report_file where id = ?", pdf));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('reports').scrollIntoView()");
        dashboard.screenshot("05-reports");
    }
}
