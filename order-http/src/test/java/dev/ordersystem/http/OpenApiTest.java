package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI description lists exactly the routes Javalin has, no more, no fewer, and what they answer. */
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

    /**
     * The address fields a client really gets (a book entry with every part, an order's snapshot)
     * are each described by the schema the route names, and addressId is not required to place.
     */
    @Test
    void theAddressFieldsOnTheWireAreDescribed() {
        ShopSteps shop = new ShopSteps(server);
        long tea = shop.product("Green tea", 2_500, 10);
        ShopSteps.Buyer buyer = shop.buyer();
        TestServer.Reply entry = server.post("/api/v1/me/addresses", buyer.token(), Map.of("recipient", "王小明",
                "phone", "+86 10 1234 5679", "region", "北京市 朝阳区", "detail", "建国路 88 号", "province", "北京市",
                "city", "北京市", "district", "朝阳区", "postalCode", "100022", "isDefault", true));
        TestServer.Reply order = server.post("/api/v1/orders", buyer.token(), Map.of(
                "items", List.of(Map.of("productId", tea, "quantity", 1)), "paymentMethod", "WECHAT"));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        JsonNode doc = server.get("/openapi.json", null).json();

        JsonNode entrySchema = resolve(doc, doc.at("/paths/~1api~1v1~1me~1addresses/post/responses/201/content/application~1json/schema"));
        JsonNode orderSchema = resolve(doc, doc.at("/paths/~1api~1v1~1orders/post/responses/201/content/application~1json/schema"));
        JsonNode snapshotSchema = resolve(doc, orderSchema.at("/properties/shippingAddress"));
        JsonNode requestSchema = resolve(doc, doc.at("/paths/~1api~1v1~1me~1addresses/post/requestBody/content/application~1json/schema"));

        assertThat(names(entry.json())).contains("province", "city", "district", "postalCode", "isDefault")
                .isSubsetOf(names(entrySchema.get("properties")));
        assertThat(names(order.json().get("shippingAddress"))).contains("province", "city", "district", "postalCode")
                .isSubsetOf(names(snapshotSchema.get("properties")));
        assertThat(names(requestSchema.get("properties"))).contains("province", "city", "district", "postalCode", "isDefault");
        JsonNode placeSchema = resolve(doc, doc.at("/paths/~1api~1v1~1orders/post/requestBody/content/application~1json/schema"));
        assertThat(placeSchema.get("properties").has("addressId")).isTrue();
        placeSchema.get("required").forEach(required -> assertThat(required.asText()).isNotEqualTo("addressId"));
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        while (schema.has("$ref")) schema = doc.at(schema.get("$ref").asText().substring(1));
        return schema;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.has("$ref")) refs.add(node.get("$ref").asText());
        node.forEach(child -> collectRefs(child, refs));
    }
}
