package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's Chromium, headless, through Debian's chromedriver (both named explicitly, so Selenium
 * never looks for or downloads a driver), with a fresh profile and every background service that
 * would call out to the internet switched off. It records what the pages logged and every request
 * they made, so a test can assert that nothing went to another host.
 */
final class ConsoleBrowser implements AutoCloseable {
    /** Generous: the machine is shared and slow at times; a wait ends as soon as its condition holds. */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<String> requested = new ArrayList<>();

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser; fails (never skips) saying how to install it when it is missing. */
    static ConsoleBrowser start(Path profile) {
        Path chromium = onPath("chromium");
        Path chromedriver = onPath("chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,800", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return new ConsoleBrowser(driver);
    }

    private static Path onPath(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            fail("the admin console is tested in a real headless Chromium, and " + name + " is not installed: "
                    + "apt-get install -y chromium chromium-driver (.ci/run installs both)");
        }
        return found.get();
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Makes the viewport {@code width} x {@code height} CSS pixels, as a desktop window or as a phone (touch, mobile
     * viewport), through DevTools' device metrics: a window could not be made narrower than the browser's minimum.
     */
    void viewport(int width, int height, boolean phone) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", phone ? 2 : 1, "mobile", phone));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", phone));
    }

    /**
     * Waits (generously) for {@code condition} to hold, reading the page as it changes. The console
     * replaces what it shows after every answer, so an element found may be gone when it is read: that
     * is read again on the next poll, not a failure.
     */
    <T> T await(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class).until(condition);
    }

    WebElement awaitVisible(By by) {
        return await("visible: " + by, d -> {
            List<WebElement> found = d.findElements(by);
            return found.size() == 1 && found.getFirst().isDisplayed() ? found.getFirst() : null;
        });
    }

    /** Waits until {@code by} shows text containing {@code text}; returns the element's text. */
    String awaitText(By by, String text) {
        return await("text '" + text + "' in " + by, d -> {
            for (WebElement e : d.findElements(by)) {
                String shown = e.getText();
                if (shown.contains(text)) return shown;
            }
            return null;
        });
    }

    Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }

    /** A PNG of the window as it is now, into {@code dir/name.png}. */
    Path screenshot(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the pages logged to the console so far (read once: Chromium hands each entry out once). */
    List<LogEntry> consoleEntries() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return List.copyOf(console);
    }

    /** The URL of every request the pages sent so far (from the DevTools network events). */
    List<String> requestedUrls() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                    requested.add(message.path("params").path("request").path("url").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
