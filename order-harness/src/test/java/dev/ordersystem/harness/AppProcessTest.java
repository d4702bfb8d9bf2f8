package dev.ordersystem.harness;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher against a stand-in app: a JVM that answers /health/ready on ORDER_HTTP_PORT and prints its settings. */
class AppProcessTest {
    /** The stand-in: ready at once, or never when {@code STAND_IN_READY=no}. */
    public static void main(String[] args) throws IOException {
        System.out.println("node " + System.getenv("ORDER_NODE_ID") + " stray " + System.getenv("ORDER_STRAY"));
        boolean ready = !"no".equals(System.getenv("STAND_IN_READY"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("ORDER_HTTP_PORT"))), 0);
        server.createContext("/health/ready", exchange -> {
            byte[] body = (ready ? "UP" : "DOWN").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private static List<String> standIn() {
        return List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), AppProcessTest.class.getName());
    }

    @Test
    void startsOnItsOwnPortWithItsSettingsAndComesBackOnTheSamePortAfterAKill(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("logs/app.log");
        assertThat(System.getenv("ORDER_STRAY")).as("set for the test JVM by the pom").isEqualTo("from-the-suite");
        try (AppProcess app = new AppProcess(standIn(), Map.of("ORDER_NODE_ID", "7"), dir, log)) {
            app.launch();
            assertThat(app.awaitReady(Duration.ofSeconds(60))).isPositive();
            assertThat(app.http().send(WireRequest.get("/health/ready")).text()).isEqualTo("UP");
            long first = app.pid();

            app.kill();
            assertThat(app.alive()).isFalse();
            app.launch();
            app.awaitReady(Duration.ofSeconds(60));
            assertThat(app.pid()).isNotEqualTo(first);
            assertThat(app.http().port()).isEqualTo(app.port());
            assertThat(Files.readAllLines(log)).as("both launches, appended").containsExactly("node 7 stray null", "node 7 stray null");
        }
    }

    @Test
    void aProcessThatNeverGetsReadyIsStoppedAndNamesItsLog(@TempDir Path dir) {
        Path log = dir.resolve("never.log");
        assertThatThrownBy(() -> AppProcess.started(standIn(), Map.of("STAND_IN_READY", "no"), dir, log, Duration.ofSeconds(5)))
                .hasMessageContaining("not ready within").hasMessageContaining(log.toString());
    }
}
