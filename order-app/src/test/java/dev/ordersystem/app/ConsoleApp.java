package dev.ordersystem.app;

import org.openqa.selenium.logging.LogEntry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every console test drives: the runnable jar on the embedded default (on a free port, its data
 * in the test's directory) and a headless Chromium beside it, with the origin the pages load from,
 * the admin token the jar printed and an API client for what shoppers do and what the test checks.
 */
record ConsoleApp(JarProcess server, ConsoleBrowser browser, String origin, String adminToken, ApiClient api)
        implements AutoCloseable {
    private static final Pattern ADMIN_TOKEN = Pattern.compile("admin token \\(generated for this run\\): (\\S+)");

    /** Starts both, with {@code settings} on top of the port and data directory; closes what started when the rest fails. */
    static ConsoleApp start(Path workDir, Map<String, String> settings) throws InterruptedException {
        int port = JarProcess.freePort();
        Map<String, String> config = new HashMap<>(settings);
        config.put("ORDER_HTTP_PORT", Integer.toString(port));
        config.put("ORDER_DATA_DIR", workDir.resolve("data").toString());
        JarProcess server = JarProcess.start(workDir, config);
        ConsoleBrowser browser = null;
        try {
            browser = ConsoleBrowser.start(workDir.resolve("chromium-profile"));
            server.awaitLive(port);
            return new ConsoleApp(server, browser, "http://127.0.0.1:" + port, adminToken(server), new ApiClient(port));
        } catch (RuntimeException | InterruptedException | Error e) {
            if (browser != null) browser.close();
            server.close();
            throw e;
        }
    }

    private static String adminToken(JarProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Matcher found = ADMIN_TOKEN.matcher(server.output());
            if (found.find()) return found.group(1);
            assertThat(System.nanoTime()).as("the admin token in the log:\n%s", server.output()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The pages logged no error but the refusals the test provoked on purpose (Chromium logs each
     * answered 4xx of a fetch), every request went to the app's origin, and the server logged no ERROR.
     */
    void assertQuietAndSameOrigin(Predicate<String> provokedRefusal) {
        List<LogEntry> errors = browser.consoleEntries().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !provokedRefusal.test(e.getMessage()))
                .toList();
        assertThat(errors).as("errors the pages logged").isEmpty();
        // The browser's own pages (chrome://, the first new tab) and data: URLs reach no host; every network request goes to the app.
        assertThat(browser.requestedUrls().stream().filter(url -> url.matches("(?i)(https?|wss?|ftp):.*")).toList())
                .as("requests to other hosts").isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        assertThat(server.output()).doesNotContain("ERROR");
    }

    /** A PNG of the browser's window as it is now, into {@code target/console-screenshots/name.png}. */
    Path screenshot(String name) {
        return browser.screenshot(JarProcess.moduleDir().resolve("target/console-screenshots"), name);
    }

    @Override
    public void close() throws InterruptedException {
        try (server) {
            browser.close();
        }
    }
}
