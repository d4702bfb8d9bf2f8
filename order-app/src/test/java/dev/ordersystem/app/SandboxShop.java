package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.app.ApiClient.Reply;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server on the embedded store with {@code ORDER_SANDBOX=true}, as the payment and
 * refund loop tests walk it over HTTP: the demo buyer, the admin, the first product, the buyer's
 * browser at the sandbox cashier and the sandbox's control.
 */
final class SandboxShop implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Application app;
    final ApiClient api;
    final String buyer;
    final String admin;
    final long product;

    private SandboxShop(Application app) {
        this.app = app;
        this.api = new ApiClient(app.port());
        this.admin = app.adminToken();
        this.buyer = login(DemoData.DEMO_USER, DemoData.DEMO_PASSWORD);
        this.product = api.get("/api/v1/products?limit=1", null).json().get("items").get(0).get("id").asLong();
    }

    /** A server on {@code dataDir} with the sandbox provider and {@code settings} over the defaults. */
    static SandboxShop start(Path dataDir, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.putAll(Map.of("ORDER_HTTP_PORT", "0", "ORDER_DATA_DIR", dataDir.toString(), "ORDER_SANDBOX", "true"));
        AppConfig config = AppConfig.from(ConfigSource.of(values));
        return new SandboxShop(Application.start(config, PaymentConfig.from(ConfigSource.of(Map.of("ORDER_SANDBOX", "true"))), Clock.systemUTC()));
    }

    String login(String user, String password) {
        Reply login = api.post("/api/v1/auth/login", null, Map.of("username", user, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("token").asText();
    }

    /** What a browser gets for {@code address} (on this server unless absolute), JSON preferred. */
    HttpResponse<String> browser(String method, String address, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address.startsWith("http") ? address : "http://127.0.0.1:" + app.port() + address))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (form != null) request.header("Content-Type", "application/x-www-form-urlencoded");
        request.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        try {
            return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sets the sandbox's outages and refusals ({@code {}} changes nothing) and answers its state. */
    JsonNode sandbox(String control) {
        Reply answer;
        try {
            answer = api.put("/sandbox/control", null, JSON.readTree(control));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + control, e);
        }
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    static void eventually(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within %s: %s", PATIENCE, what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    void auditClean() {
        Reply audit = api.get("/api/v1/admin/audit", admin);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("ok").asBoolean()).as(audit.toString()).isTrue();
    }

    @Override
    public void close() {
        sandbox("{\"outage\":\"NONE\",\"withholdNotifications\":false,\"refuseRefunds\":null}");
        app.close();
    }
}
