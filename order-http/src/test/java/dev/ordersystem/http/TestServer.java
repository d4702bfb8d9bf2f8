package dev.ordersystem.http;

import dev.ordersystem.core.memory.InMemoryLocalRefunds;
import dev.ordersystem.core.memory.InMemoryReconciliations;
import dev.ordersystem.core.port.LocalRefunds;
import dev.ordersystem.core.port.provider.BillsByChannel;
import dev.ordersystem.core.port.provider.ProviderBills;
import dev.ordersystem.core.usecase.payment.ReconcileBill;
import dev.ordersystem.http.observe.ReconciliationMetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.ShippingSettings;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProvidersByChannel;
import dev.ordersystem.http.observe.MeteredPaymentProvider;
import dev.ordersystem.http.payment.PaymentChannels;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The API on a random port over the in-memory adapters, with a plain JDK HTTP client.
 * Login and registration limits are high here unless a test asks otherwise: every request comes from 127.0.0.1.
 */
final class TestServer implements AutoCloseable {
    static final String ADMIN = "test-admin-token-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    final OrderSystem system;
    /** The store under the API, for tests that check what was (not) written. */
    final Storage store;
    final PrometheusMeterRegistry registry;
    private final Javalin app;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    private TestServer(OrderSystem system, Storage store, PrometheusMeterRegistry registry, HttpSettings settings,
                       ReadinessCheck readiness, Clock clock, PaymentChannels payments, Optional<ReconcileBill> reconciliation) {
        this.system = system;
        this.store = store;
        this.registry = registry;
        this.app = HttpApi.create(system, settings, registry, readiness, clock, payments, reconciliation).start(0);
        this.base = "http://127.0.0.1:" + app.port();
    }

    static TestServer start() {
        return builder().start();
    }

    static Builder builder() {
        return new Builder();
    }

    Javalin app() {
        return app;
    }

    /** Sends one request; {@code body} null sends none, {@code contentType} null sends no Content-Type. */
    Reply send(String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (contentType != null) request.header("Content-Type", contentType);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    Reply post(String path, String token, Object body) {
        return send("POST", path, token, "application/json", body == null ? null : write(body), Map.of());
    }

    Reply post(String path, String token, Object body, Map<String, String> headers) {
        return send("POST", path, token, "application/json", write(body), headers);
    }

    Reply patch(String path, String token, Object body) {
        return send("PATCH", path, token, "application/json", write(body), Map.of());
    }

    Reply delete(String path, String token) {
        return send("DELETE", path, token, null, null, Map.of());
    }

    static String write(Object body) {
        if (body instanceof String text) return text;
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }

    /** An HTTP answer with its body parsed when it is JSON. */
    record Reply(int status, Map<String, List<String>> headers, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }

        int code() {
            return json().path("code").asInt();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        /** Every value of a list header, however the server split it over fields (two Vary fields mean one list). */
        java.util.List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).flatMap(v -> java.util.Arrays.stream(v.split(",")))
                    .map(String::trim).toList();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    static final class Builder {
        private Clock clock = Clock.systemUTC();
        private HttpSettings settings = HttpSettings.defaults(ADMIN)
                .withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "1000/1s"))
                .withLoginPerClient(AttemptLimit.parse(HttpSettings.LOGIN_PER_CLIENT, "10000/1s"))
                .withRegisterPerClient(AttemptLimit.parse(HttpSettings.REGISTER_PER_CLIENT, "10000/1s"));
        private ReadinessCheck readiness = () -> List.of(ReadinessCheck.DependencyStatus.up("database"),
                ReadinessCheck.DependencyStatus.up("redis"));
        private UnaryOperator<Storage> storage = UnaryOperator.identity();
        private PaymentChannels payments = PaymentChannels.none();
        private PaymentProvider provider = ProvidersByChannel.none();
        private ProviderBills bills = BillsByChannel.none();
        private LocalRefunds refunds = new InMemoryLocalRefunds();

        /** The providers' bills reconciliation reads (DESIGN §14) and the refunds it compares them with; none by default. */
        Builder bills(ProviderBills value, LocalRefunds localRefunds) {
            bills = value;
            refunds = localRefunds;
            return this;
        }

        /** The payment provider trades are started, queried and closed at (DESIGN §13); none by default. */
        Builder provider(PaymentProvider value) {
            provider = value;
            return this;
        }

        Builder payments(PaymentChannels value) {
            payments = value;
            return this;
        }

        Builder clock(Clock value) {
            clock = value;
            return this;
        }

        Builder settings(HttpSettings value) {
            settings = value;
            return this;
        }

        Builder readiness(ReadinessCheck value) {
            readiness = value;
            return this;
        }

        /** Lets a test put a faulty port in front of the in-memory store. */
        Builder storage(UnaryOperator<Storage> value) {
            storage = value;
            return this;
        }

        TestServer start() {
            OrderSettings core = OrderSettings.defaults().withPasswordIterations(1_000);
            Storage store = storage.apply(InMemoryStorage.create(core.currency(), clock));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            OrderSystem system = new OrderSystem(store, InMemoryFastPath.create(clock), core, ShippingSettings.defaults(),
                    PaymentSettings.defaults(), new MeteredPaymentProvider(provider, registry), clock);
            Optional<ReconcileBill> reconciliation = bills.channels().isEmpty() ? Optional.empty()
                    : Optional.of(new ReconcileBill(bills, InMemoryReconciliations.over(store), store.payments(), store.attempts(), refunds,
                    system.applyPayment(), new ReconciliationMetrics(registry), "test-node", Duration.ofMinutes(10), clock));
            return new TestServer(system, store, registry, settings, readiness, clock, payments, reconciliation);
        }
    }
}
