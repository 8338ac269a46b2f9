package vn.ecomdss.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
 * The dashboard in Debian's headless Chromium, for a browser test: one browser for each test with a profile of its
 * own, quit after it ({@code @RegisterExtension final DashboardBrowser dashboard = new DashboardBrowser(1400, 2000,
 * Duration.ofMinutes(1));}). Screenshots go to {@code target/screenshots/}.
 */
public final class DashboardBrowser implements BeforeEachCallback, AfterEachCallback {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final int width;
    private final int height;
    private final Duration patience;
    private WebDriver browser;
    private WebDriverWait wait;

    /** A window of {@code width} by {@code height}, whose waits give up after {@code patience}. */
    public DashboardBrowser(int width, int height, Duration patience) {
        this.width = width;
        this.height = height;
        this.patience = patience;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("dss-chromium-"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, patience, Duration.ofMillis(250));
        Files.createDirectories(SCREENSHOTS);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    public WebDriver browser() {
        return browser;
    }

    /** Waits for a condition, polling every 250 ms, as long as the patience given. */
    public WebDriverWait waiting() {
        return wait;
    }

    /** Opens the dashboard at {@code baseUrl}, is sent to its login page, and signs in as {@code user}. */
    public void signIn(String baseUrl, String user, String password) {
        browser.get(baseUrl + "/");
        wait.until(ExpectedConditions.urlContains("/login.html"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    /** The page as it is now, as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
