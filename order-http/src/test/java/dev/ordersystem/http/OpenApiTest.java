package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI description lists exactly the routes Javalin has, no more, no fewer. */
class OpenApiTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void describesEveryRegisteredRouteAndNothingElse() {
        TestServer.Reply reply = server.get("/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode doc = reply.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");

        Set<String> described = new TreeSet<>();
        Iterator<String> paths = doc.get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            Iterator<String> methods = doc.get("paths").get(path).fieldNames();
            while (methods.hasNext()) described.add(methods.next().toUpperCase(Locale.ROOT) + " " + path);
        }
        Set<String> registered = server.app().unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> e.method.name() + " " + e.path)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(registered).as("routes registered but not described").isSubsetOf(described);
        assertThat(described).as("routes described but not registered").isSubsetOf(registered);
        assertThat(registered).contains("POST /api/v1/orders", "GET /api/v1/admin/audit", "GET /openapi.json")
                .contains("POST /api/v1/payments/wechat/notify", "POST /api/v1/payments/alipay/notify");
    }

    @Test
    void everyReferencedSchemaExists() {
        JsonNode doc = server.get("/openapi.json", null).json();
        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        for (String ref : refs) {
            String[] parts = ref.substring(2).split("/");
            JsonNode target = doc;
            for (String part : parts) target = target.path(part);
            assertThat(target.isMissingNode()).as("dangling " + ref).isFalse();
        }
        assertThat(refs).isNotEmpty();
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.has("$ref")) refs.add(node.get("$ref").asText());
        node.forEach(child -> collectRefs(child, refs));
    }
}
