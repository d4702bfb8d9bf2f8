package dev.ordersystem.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's sandbox payment walk-through, run verbatim with bash against the runnable jar
 * started with {@code ORDER_SANDBOX=true} as a frontend developer would: start a payment, open
 * the cashier, pay, poll.
 */
class ReadmeSandboxPaymentIT {
    private static final Pattern FENCED_BASH = Pattern.compile(
            "(?s)\\n### The local provider: collecting a payment in the sandbox\\n.*?\\n```bash\\n(.*?)\\n```\\n");

    @TempDir
    Path workDir;

    @Test
    void theSandboxPaymentWalkThroughOfTheReadmeWorks() throws Exception {
        Path readme = JarProcess.moduleDir().resolveSibling("README.md");
        Matcher m = FENCED_BASH.matcher(Files.readString(readme));
        assertThat(m.find()).as("a ```bash block under '### The local provider: collecting a payment in the sandbox' in " + readme).isTrue();
        String block = m.group(1);
        assertThat(block).contains("BASE=${BASE:-http://localhost:8080}").doesNotContain("jq ", "python ");
        Path script = Files.writeString(workDir.resolve("sandbox-payment.sh"), block + "\n");
        int port = JarProcess.freePort();

        try (JarProcess server = JarProcess.start(workDir, Map.of("ORDER_HTTP_PORT", Integer.toString(port),
                "ORDER_DATA_DIR", workDir.resolve("data").toString(), "ORDER_SANDBOX", "true"))) {
            server.awaitLive(port);
            ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString()).directory(workDir.toFile())
                    .redirectErrorStream(true);
            bash.environment().put("BASE", "http://localhost:" + port);
            Process run = bash.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as("the walk-through failed:\n%s\n--- server log ---\n%s", output, server.output()).isZero();
            assertThat(output).contains("\"scene\":\"NATIVE\"", "\"codeUrl\":\"http://127.0.0.1:" + port + "/sandbox/cashier/",
                    "id=pay>Pay", "\"outcome\":\"PAID\"", "\"status\":\"PAID\"");
        }
    }
}
