package org.tlsrpt.app.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through the system chromedriver (installed by bin/install-prerequisites): both
 * paths are given, so Selenium Manager never downloads a browser or a driver. Keeps every console message the page
 * logged, so a test can say "no errors".
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    private final Path downloads;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    static boolean installed() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    static Browser start(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        // downloads land in the profile, without asking, where a test can read them
        Path downloads = profile.resolve("downloads");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), downloads);
    }

    void open(String url) {
        driver.get(url);
    }

    <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("the page did not get there; at " + driver.getCurrentUrl() + " it shows:\n"
                    + driver.findElement(By.tagName("body")).getText() + "\nconsole: " + console(), e);
        }
    }

    WebElement awaitElement(By by) {
        return await(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until the page says it rendered this route (app.js sets {@code data-loaded} on the body). */
    void awaitRendered(String hash) {
        await(d -> hash.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    /** Waits until the browser finished downloading a file of this name, and returns it. */
    Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        await(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")) ? file : null);
        return file;
    }

    Object script(String javascript, Object... args) {
        return driver.executeScript(javascript, args);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A screenshot of the whole page: the window grows to the page's height first. */
    Path screenshot(Path file) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        resize(before.getWidth(), (int) Math.min(6000, Math.max(before.getHeight(), height + 120)));
        Files.createDirectories(file.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        resize(before.getWidth(), before.getHeight());
        return file;
    }

    /** Every console message so far (drained from the driver and kept). */
    List<LogEntry> console() {
        driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        return List.copyOf(console);
    }

    List<String> consoleErrors() {
        return console().stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
