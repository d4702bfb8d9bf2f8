package dev.ordersystem.app;

import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tried as a newcomer would: the runnable jar with no configuration but a port and a fresh data
 * directory, and the README's walk-through block run verbatim with bash against it.
 */
class ReadmeWalkthroughIT {
    private static final Pattern FENCED_BASH = Pattern.compile("(?s)\\n#{2,4} Walk-through\\n.*?\\n```bash\\n(.*?)\\n```\\n");

    @TempDir
    Path workDir;

    @Test
    void theWalkThroughOfTheReadmeWorksOnAFreshEmbeddedServer() throws Exception {
        String block = walkThroughBlock();
        Path script = workDir.resolve("walkthrough.sh");
        Files.writeString(script, block + "\n");
        int port = JarProcess.freePort();

        try (JarProcess server = JarProcess.start(workDir, Map.of("ORDER_HTTP_PORT", Integer.toString(port),
                "ORDER_DATA_DIR", workDir.resolve("data").toString()))) {
            server.awaitLive(port);
            Matcher adminToken = adminTokenLogged(server);

            ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString()).directory(workDir.toFile())
                    .redirectErrorStream(true);
            bash.environment().put("BASE", "http://localhost:" + port);
            bash.environment().put("ADMIN_TOKEN", adminToken.group(1));
            Process run = bash.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as("the walk-through failed:\n%s\n--- server log ---\n%s", output, server.output()).isZero();

            Matcher paid = Pattern.compile("order (\\d{20,32}) is PAID").matcher(output);
            assertThat(paid.find()).as(output).isTrue();
            Matcher cancelled = Pattern.compile("order (\\d{20,32}) is CANCELLED by the buyer").matcher(output);
            assertThat(cancelled.find()).as(output).isTrue();
            assertThat(output).contains("\"orderNo\":\"" + paid.group(1) + "\"").contains("\"cancelReason\":\"BY_USER\"")
                    .contains("\"trackingNumber\":\"SF1234567890\"")
                    .contains("order " + paid.group(1) + " is COMPLETED: the buyer confirmed receipt");

            // Seen from outside the script: the demo buyer has exactly these two orders.
            ApiClient api = new ApiClient(port);
            Reply login = api.post("/api/v1/auth/login", null, Map.of("username", "demo", "password", "demo-password"));
            String token = login.json().get("token").asText();
            assertThat(api.all("/api/v1/orders", token)).extracting(o -> o.get("orderNo").asText() + " " + o.get("status").asText())
                    .containsExactly(cancelled.group(1) + " CANCELLED", paid.group(1) + " COMPLETED");
            // The WECHAT order named no address: it went to the demo buyer's default, with every part.
            assertThat(api.get("/api/v1/orders/" + cancelled.group(1), token).json().get("shippingAddress").toString())
                    .contains("\"district\":\"浦东新区\"", "\"postalCode\":\"200120\"");
        }
    }

    /** The admin token the server printed (logged just after it went live: polled for, with a generous bound). */
    private static Matcher adminTokenLogged(JarProcess server) throws InterruptedException {
        Pattern line = Pattern.compile("admin token \\(generated for this run\\): (\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Matcher found = line.matcher(server.output());
            if (found.find()) return found;
            assertThat(System.nanoTime()).as("the admin token in the log:\n%s", server.output()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String walkThroughBlock() throws IOException {
        Path readme = JarProcess.moduleDir().resolveSibling("README.md");
        Matcher m = FENCED_BASH.matcher(Files.readString(readme));
        assertThat(m.find()).as("a ```bash block under a 'Walk-through' heading in " + readme).isTrue();
        String block = m.group(1);
        assertThat(block).as("the block targets $BASE").contains("BASE=${BASE:-http://localhost:8080}");
        assertThat(List.of("jq", "python")).allSatisfy(tool -> assertThat(block).doesNotContain(tool + " "));
        return block;
    }
}
