package dev.ordersystem.app;

import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances behind one balancer, sharing MariaDB and Redis: the login limits are one budget
 * for both, and the client address comes from the trusted proxy's {@code X-Forwarded-For}.
 */
class SharedLoginBudgetIT {
    private static final String PASSWORD = "secret-pass-1";

    private final ProductionBackends backends = new ProductionBackends();
    private final List<Application> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        try {
            apps.forEach(Application::close);
        } finally {
            backends.close();
        }
    }

    private ApiClient start(int nodeId, Map<String, String> env) {
        Application app = Application.start(backends.config(nodeId, Duration.ofMinutes(30), env), Clock.systemUTC());
        apps.add(app);
        return new ApiClient(app.port());
    }

    @Test
    void thePerUsernameBudgetIsOneBudgetForBothInstances() {
        // The default burst of 5, refilled over 5 h rather than 1 m: a busy machine hashing the
        // passwords slowly must not hand an attempt back during the test.
        Map<String, String> env = Map.of("ORDER_LOGIN_LIMIT_PER_USERNAME", "5/5h");
        ApiClient first = start(21, env);
        ApiClient second = start(22, env);
        assertThat(first.post("/api/v1/auth/register", null, Map.of("username", "shared_budget", "password", PASSWORD)).status())
                .isEqualTo(201);

        for (int i = 0; i < 5; i++) {
            Reply login = (i % 2 == 0 ? first : second).post("/api/v1/auth/login", null,
                    Map.of("username", "shared_budget", "password", PASSWORD));
            assertThat(login.status()).as("login %d: %s", i, login).isEqualTo(200);
        }

        // Each instance alone has seen at most 3 of the 5: only a shared budget refuses now.
        assertRateLimited(second.post("/api/v1/auth/login", null, Map.of("username", "SHARED_budget", "password", PASSWORD)));
        assertRateLimited(first.post("/api/v1/auth/login", null, Map.of("username", "shared_budget", "password", PASSWORD)));
    }

    @Test
    void thePerClientBudgetIsSharedAndKeyedByTheForwardedAddress() {
        Map<String, String> env = Map.of("ORDER_TRUSTED_PROXIES", "127.0.0.1/32, ::1",
                "ORDER_LOGIN_LIMIT_PER_CLIENT", "3/1h");
        ApiClient first = start(23, env);
        ApiClient second = start(24, env);
        Map<String, String> shopper = Map.of("X-Forwarded-For", "198.51.100.23");

        for (int i = 0; i < 3; i++) {
            Reply login = (i % 2 == 0 ? first : second).post("/api/v1/auth/login", null,
                    Map.of("username", "nobody" + i, "password", PASSWORD), shopper);
            assertThat(login.status()).as(login.toString()).isEqualTo(401);
        }

        assertRateLimited(second.post("/api/v1/auth/login", null, Map.of("username", "nobody9", "password", PASSWORD), shopper));
        // Another shopper behind the same proxy has a budget of its own.
        assertThat(first.post("/api/v1/auth/login", null, Map.of("username", "nobody9", "password", PASSWORD),
                Map.of("X-Forwarded-For", "198.51.100.24")).status()).isEqualTo(401);
    }

    private static void assertRateLimited(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(429);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo(42900);
    }
}
