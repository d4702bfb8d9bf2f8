package dev.ordersystem.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The shop's own API calls that set a run up (a user registers, logs in, adds an address; the
 * admin creates products and tops up balances) and the §7 audit, against one app process. A setup
 * call must succeed: any other answer throws, naming the call and the answer.
 */
public final class ShopApi {
    /** Registering and logging in hash a password slowly by design, on a machine that may be busy. */
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(90);

    /** A delivery address as {@code POST /api/v1/me/addresses} takes it. */
    public record Address(String recipient, String phone, String region, String detail) {
    }

    private final WireHttp http;
    private final String adminToken;

    public ShopApi(WireHttp http, String adminToken) {
        this.http = http;
        this.adminToken = adminToken;
    }

    /** Returns the new user's id. */
    public long register(String username, String password) throws IOException {
        return expect(WireRequest.post("/api/v1/auth/register", Json.write(Map.of("username", username, "password", password))), 201)
                .get("userId").asLong();
    }

    /** Returns the bearer token. */
    public String login(String username, String password) throws IOException {
        return expect(WireRequest.post("/api/v1/auth/login", Json.write(Map.of("username", username, "password", password))), 200)
                .get("token").asText();
    }

    /** Returns the address's id. */
    public long addAddress(String token, Address address) throws IOException {
        return expect(WireRequest.post("/api/v1/me/addresses", Json.write(Map.of("recipient", address.recipient(),
                "phone", address.phone(), "region", address.region(), "detail", address.detail()))).withToken(token), 201)
                .get("id").asLong();
    }

    public void topUp(long userId, long amount, String reason) throws IOException {
        expect(WireRequest.post("/api/v1/admin/users/" + userId + "/balance", Json.write(Map.of("amount", amount, "reason", reason)))
                .withToken(adminToken), 200);
    }

    /** A product on sale, made through the admin API (so its cache, gate count and stock movement are the app's own); returns its id. */
    public long createProduct(String name, String description, long price, long stock) throws IOException {
        return expect(WireRequest.post("/api/v1/admin/products", Json.write(Map.of("name", name, "description", description,
                "price", price, "stock", stock, "onSale", true))).withToken(adminToken), 201).get("id").asLong();
    }

    /** {@code GET /api/v1/admin/audit}; it reads every order, so a large shop's may take minutes. */
    public WireReply audit(Duration timeout) throws IOException {
        return http.send(WireRequest.get("/api/v1/admin/audit").withToken(adminToken).withTimeout(timeout));
    }

    /** Whether an audit answer says the §7 invariants hold. */
    public static boolean clean(WireReply audit) {
        return audit.status() == 200 && audit.json().path("ok").asBoolean() && audit.json().path("violations").isEmpty();
    }

    /** The body of a one-line order of {@code quantity} units, written without a JSON library: the load loops send it per request. */
    public static String orderBody(long productId, int quantity, long addressId, String paymentMethod) {
        return "{\"items\":[{\"productId\":%d,\"quantity\":%d}],\"addressId\":%d,\"paymentMethod\":\"%s\"}"
                .formatted(productId, quantity, addressId, paymentMethod);
    }

    private JsonNode expect(WireRequest request, int status) throws IOException {
        WireReply reply = http.send(request.withTimeout(SETUP_TIMEOUT));
        if (reply.status() != status) throw new IllegalStateException(request.method() + " " + request.path() + " answered " + reply);
        return reply.json();
    }
}
