package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ORDER_LOG_FORMAT=json}: the jar writes one JSON object per line, with the formatted message. */
class JsonLogIT {
    @TempDir
    Path workDir;

    @Test
    void everyLineIsAJsonObject() throws Exception {
        int port = JarProcess.freePort();
        List<String> lines;
        try (JarProcess server = JarProcess.start(workDir, Map.of(
                "ORDER_LOG_FORMAT", "json",
                "ORDER_HTTP_PORT", Integer.toString(port),
                "ORDER_DATA_DIR", workDir.resolve("data").toString()))) {
            server.awaitLive(port);
            lines = server.output().lines().filter(line -> !line.isBlank()).toList();
        }

        ObjectMapper json = new ObjectMapper();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.isObject()).as(line).isTrue();
            assertThat(entry.path("level").asText()).as(line).isNotEmpty();
        }
        assertThat(lines).anySatisfy(line -> assertThat(json.readTree(line).path("formattedMessage").asText())
                .isEqualTo("listening on http://localhost:" + port));
    }
}
