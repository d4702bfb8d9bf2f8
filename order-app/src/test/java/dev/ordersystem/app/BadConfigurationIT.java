package dev.ordersystem.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The runnable jar refuses a bad configuration before it opens a port: every problem listed, exit code 2. */
class BadConfigurationIT {
    @TempDir
    Path workDir;

    @Test
    void theJarExitsWithCode2AndListsEveryProblem() throws Exception {
        try (JarProcess server = JarProcess.start(workDir, Map.of(
                "ORDER_DB_URL", "jdbc:mariadb://db.invalid:3306/shop",
                "ORDER_PAYMENT_TIMEOUT", "soon",
                "ORDER_REDIS_PREFIX", "has spaces",
                "ORDER_DATA_DIR", workDir.resolve("data").toString()))) {
            assertThat(server.awaitExit(30)).as(server.output()).isEqualTo(2);
            assertThat(server.output()).contains(
                    "invalid configuration:",
                    "  - ORDER_ADMIN_TOKEN: required when ORDER_DB_URL is set",
                    "  - ORDER_PAYMENT_TIMEOUT: cannot read 'soon'",
                    "  - ORDER_REDIS_PREFIX: must be 1..64 of letters, digits and : _ . -, was has spaces");
            assertThat(workDir.resolve("data")).as("nothing was started").doesNotExist();
        }
    }
}
