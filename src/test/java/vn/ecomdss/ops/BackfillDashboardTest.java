package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.ecomdss.testsupport.DashboardBrowser;

/**
 * The backfill form of the dashboard's jobs, in Debian's headless Chromium: an operator backfills three dates of
 * daily_counts two at a time and watches each date's run complete; a backfill of a job that is not
 * date-partitioned above one date at a time is refused on the page with the reason. Screenshots go to
 * {@code target/screenshots/}.
 */
class BackfillDashboardTest extends RunsTestSupport {

    @RegisterExtension
    final DashboardBrowser dashboard = new DashboardBrowser(1400, 2000, Duration.ofMinutes(1));

    @Test
    void operatorBackfillsThreeDatesFromTheJobsTableAndSeesEachDateComplete() throws Exception {
        WebDriver browser = dashboard.browser();
        WebDriverWait wait = dashboard.waiting();
        dashboard.signIn(baseUrl(), OPERATOR, OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("backfill-daily_counts")));

        browser.findElement(By.id("backfill-from-retried")).sendKeys("2026-09-01");
        browser.findElement(By.id("backfill-to-retried")).sendKeys("2026-09-03");
        browser.findElement(By.id("backfill-concurrency-retried")).sendKeys("2");
        browser.findElement(By.id("backfill-retried")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Backfill of retried refused"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("date-partitioned: true", "concurrency=1");

        browser.findElement(By.id("backfill-from-daily_counts")).sendKeys("2026-09-01");
        browser.findElement(By.id("backfill-to-daily_counts")).sendKeys("2026-09-03");
        browser.findElement(By.id("backfill-concurrency-daily_counts")).sendKeys("2");
        browser.findElement(By.id("backfill-daily_counts")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Backfill of daily_counts accepted"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("backfill-state"), "COMPLETED"));

        assertThat(browser.findElements(By.cssSelector("#backfill-dates tbody tr"))).hasSize(3);
        for (String date : new String[] {"2026-09-01", "2026-09-02", "2026-09-03"}) {
            assertThat(browser.findElement(By.id("backfill-date-" + date)).getText())
                    .contains("daily_counts-backfill-" + date, "COMPLETED");
        }
        assertThat(browser.findElement(By.id("backfill-caption")).getText())
                .isEqualTo("2026-09-01 to 2026-09-03 · 2 at a time · 3 COMPLETED");
        dashboard.screenshot("10-backfill");
        assertThat(count("select count(*) from ops.audit_log where actor = ? and action = 'backfill' "
                + "and outcome = 'accepted' and target = 'backfill daily_counts 2026-09-01..2026-09-03'", OPERATOR))
                .isEqualTo(1);
    }
}
