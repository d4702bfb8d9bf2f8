package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Issue 12 §5 over HTTP: the address parts, the default address and the order's snapshot of them. */
class DefaultAddressTest {
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOrderWithoutAddressIdGoesToTheDefaultAndItsSnapshotCarriesEveryPart() {
        long tea = shop.product("Green tea", 2_500, 100);
        Buyer buyer = shop.buyer();
        JsonNode first = addresses(buyer).get(0);
        assertThat(first.get("isDefault").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.has("province")).as("absent parts are left out").isFalse();

        Reply added = server.post("/api/v1/me/addresses", buyer.token(), office(true));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("isDefault").asBoolean()).isTrue();
        assertThat(added.json().get("postalCode").asText()).isEqualTo("100022");
        assertThat(addresses(buyer)).extracting(a -> a.get("isDefault").asBoolean()).containsExactly(false, true);

        Reply placed = server.post("/api/v1/orders", buyer.token(), Map.of(
                "items", List.of(Map.of("productId", tea, "quantity", 1)), "paymentMethod", "WECHAT"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode snapshot = server.get("/api/v1/orders/" + placed.json().get("orderNo").asText(), buyer.token())
                .json().get("shippingAddress");
        assertThat(snapshot).isEqualTo(placed.json().get("shippingAddress"));
        assertThat(snapshot.get("recipient").asText()).isEqualTo("王小明");
        assertThat(snapshot.get("province").asText()).isEqualTo("北京市");
        assertThat(snapshot.get("city").asText()).isEqualTo("北京市");
        assertThat(snapshot.get("district").asText()).isEqualTo("朝阳区");
        assertThat(snapshot.get("postalCode").asText()).isEqualTo("100022");
        assertThat(snapshot.has("id")).isFalse();
        assertThat(snapshot.has("isDefault")).isFalse();

        Reply chosen = server.send("PUT", "/api/v1/me/addresses/" + buyer.addressId() + "/default", buyer.token(), null, null, Map.of());
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        assertThat(chosen.json().get("id").asLong()).isEqualTo(buyer.addressId());
        assertThat(chosen.json().get("isDefault").asBoolean()).isTrue();
        assertThat(addresses(buyer)).extracting(a -> a.get("isDefault").asBoolean()).containsExactly(true, false);
        JsonNode again = shop.placed(new Buyer(buyer.userId(), buyer.username(), buyer.token(), added.json().get("id").asLong()),
                tea, 2, "WECHAT");
        assertThat(again.get("shippingAddress").get("district").asText()).as("a named address wins over the default").isEqualTo("朝阳区");

        // Removing the default makes the newest remaining address the default.
        assertThat(server.delete("/api/v1/me/addresses/" + buyer.addressId(), buyer.token()).status()).isEqualTo(204);
        assertThat(addresses(buyer)).extracting(a -> a.get("id").asLong(), a -> a.get("isDefault").asBoolean())
                .containsExactly(tuple(added.json().get("id").asLong(), true));
        shop.auditClean();
    }

    @Test
    void withoutAddressIdAndWithoutAnyAddressTheOrderIsRefusedNamingAddressId() {
        long tea = shop.product("Green tea", 2_500, 100);
        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 10_000);
        assertThat(server.delete("/api/v1/me/addresses/" + buyer.addressId(), buyer.token()).status()).isEqualTo(204);

        Reply refused = server.post("/api/v1/orders", buyer.token(), Map.of(
                "items", List.of(Map.of("productId", tea, "quantity", 1)), "paymentMethod", "BALANCE"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo(40005);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("addressId");
        assertThat(shop.available(tea)).isEqualTo(100);
        assertThat(shop.balance(buyer)).isEqualTo(10_000);
        assertThat(server.get("/api/v1/orders", buyer.token()).json().get("items")).isEmpty();
    }

    @Test
    void badAddressPartsAreRefusedNamingEachFieldAndAddNothing() {
        Buyer buyer = shop.buyer();
        Map<String, Object> bad = office(false);
        bad.put("province", "省".repeat(65));
        bad.put("city", "市".repeat(65));
        bad.put("district", "区".repeat(65));
        bad.put("postalCode", "10#022");

        Reply refused = server.post("/api/v1/me/addresses", buyer.token(), bad);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo(40005);
        assertThat(refused.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("province", "city", "district", "postalCode");
        Reply wrongType = server.post("/api/v1/me/addresses", buyer.token(), "{\"recipient\":\"A\",\"phone\":\"12345\","
                + "\"region\":\"R\",\"detail\":\"D\",\"isDefault\":\"yes\"}");
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").findValuesAsText("field")).containsExactly("isDefault");
        assertThat(addresses(buyer)).hasSize(1);

        Buyer other = shop.buyer();
        Reply theirs = server.send("PUT", "/api/v1/me/addresses/" + other.addressId() + "/default", buyer.token(), null, null, Map.of());
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(404);
        assertThat(theirs.code()).isEqualTo(40400);
        assertThat(addresses(other).get(0).get("isDefault").asBoolean()).isTrue();
    }

    private static Map<String, Object> office(boolean isDefault) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", "王小明");
        body.put("phone", "+86 10 1234 5679");
        body.put("region", "北京市 朝阳区");
        body.put("detail", "建国路 88 号");
        body.put("province", "北京市");
        body.put("city", "北京市");
        body.put("district", "朝阳区");
        body.put("postalCode", "100022");
        body.put("isDefault", isDefault);
        return body;
    }

    private List<JsonNode> addresses(Buyer buyer) {
        List<JsonNode> items = new ArrayList<>();
        server.get("/api/v1/me/addresses", buyer.token()).json().get("items").forEach(items::add);
        return items;
    }
}
