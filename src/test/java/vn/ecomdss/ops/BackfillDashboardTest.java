package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The backfill form of the dashboard's jobs, in Debian's headless Chromium: an operator backfills three dates of
 * daily_counts two at a time and watches each date's run complete; a backfill of a job that is not
 * date-partitioned above one date at a time is refused on the page with the reason. Screenshots go to
 * {@code target/screenshots/}.
 */
class BackfillDashboardTest extends RunsTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,2000", "--user-data-dir=" + Files.createTempDirectory("dss-chromium-"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofMinutes(1), Duration.ofMillis(250));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void operatorBackfillsThreeDatesFromTheJobsTableAndSeesEachDateComplete() throws Exception {
        browser.get(baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/login.html"));
        browser.findElement(By.id("username")).sendKeys(OPERATOR);
        browser.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
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
        screenshot("10-backfill");
        assertThat(count("select count(*) from ops.audit_log where actor = ? and action = 'backfill' "
                + "and outcome = 'accepted' and target = 'backfill daily_counts 2026-09-01..2026-09-03'", OPERATOR))
                .isEqualTo(1);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
