package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The served {@code /openapi.json} passes Redocly CLI's recommended rules with no error and no
 * warning (rules switched off only in {@code src/test/openapi/redocly.yaml}, each with its reason).
 * Redocly CLI is pinned in {@code src/test/openapi/package.json} / {@code package-lock.json} and
 * installed with {@code npm ci} into {@code target/openapi-lint}; Node.js and npm must be on the
 * PATH (an IT because it needs them and, on the first run, the npm registry).
 */
class OpenApiLintIT {
    private static final Path PINS = Path.of("src/test/openapi");
    private static final Path WORK = Path.of("target/openapi-lint");
    /** Redocly CLI's own "engines": 20.19+ on the 20 line, else 22.12+. */
    private static final String NODE_NEEDED = "Node.js 20.19+ or 22.12+ with npm";
    private static final String HOW_TO_INSTALL = "install them, e.g. `apt-get install nodejs npm` (Debian 13, Ubuntu 24.04 or newer;"
            + " Debian 12's nodejs 18 is too old: use https://nodejs.org or the NodeSource packages), then run the build again";

    @Test
    void theServedDescriptionHasNoLintErrorsOrWarnings() throws Exception {
        requireNode();
        Files.createDirectories(WORK);
        for (String pin : List.of("package.json", "package-lock.json")) {
            Files.copy(PINS.resolve(pin), WORK.resolve(pin), StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = run(WORK, List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        assertThat(install.exit()).as("npm ci in %s failed:%n%s", WORK, install.output()).isZero();

        Path served = WORK.resolve("served-openapi.json");
        try (TestServer server = TestServer.start()) {
            TestServer.Reply reply = server.get("/openapi.json", null);
            assertThat(reply.status()).isEqualTo(200);
            Files.writeString(served, reply.text(), StandardCharsets.UTF_8);
        }

        Run lint = run(WORK, List.of("node", "node_modules/@redocly/cli/bin/cli.js", "lint",
                "--config", PINS.resolve("redocly.yaml").toAbsolutePath().toString(),
                "--format", "json", served.getFileName().toString()), 120);
        JsonNode report = jsonIn(lint);
        JsonNode totals = report.path("totals");
        assertThat(totals.path("errors").asInt(-1) + totals.path("warnings").asInt(-1) + totals.path("ignored").asInt(-1))
                .as("Redocly CLI %s on the served /openapi.json: %s%n%s", report.path("version").asText(), totals,
                        report.path("problems").toPrettyString())
                .isZero();
        assertThat(lint.exit()).as(lint.output()).isZero();
    }

    private static void requireNode() {
        String version;
        try {
            Run node = run(Path.of("."), List.of("node", "--version"), 30);
            Run npm = run(Path.of("."), List.of("npm", "--version"), 60);
            if (node.exit() != 0 || npm.exit() != 0) throw new IOException(node.output() + npm.output());
            version = node.stdout().trim();
        } catch (IOException e) {
            fail("The OpenAPI lint needs " + NODE_NEEDED + " on the PATH (" + e.getMessage() + "): " + HOW_TO_INSTALL);
            return;
        }
        Matcher m = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(version);
        assertThat(m.find()).as("node --version answered %s", version).isTrue();
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        boolean supported = major == 20 ? minor >= 19 : major == 22 ? minor >= 12 : major > 22;
        if (!supported) fail("The OpenAPI lint needs " + NODE_NEEDED + ", found node " + version + ": " + HOW_TO_INSTALL);
    }

    private static JsonNode jsonIn(Run lint) throws IOException {
        int start = lint.stdout().indexOf('{');
        if (start < 0) fail("Redocly CLI printed no report (exit " + lint.exit() + "):\n" + lint.output());
        return TestServer.JSON.readTree(lint.stdout().substring(start));
    }

    private record Run(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    /** Runs a command to its end (Redocly prints its notices on stderr, the report on stdout). */
    private static Run run(Path dir, List<String> command, long timeoutSeconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Path stderr = Files.createTempFile("openapi-lint", ".err");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        try {
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Run(process.exitValue(), stdout, Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
