package dev.ordersystem.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One fresh database ({@code order_test_<random>}) on the test server and one fresh Redis key
 * prefix, for app instances in production mode. Closing drops the database and the keys.
 */
final class ProductionBackends implements AutoCloseable {
    static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";

    private final TestServers.Database server = TestServers.database();
    private final String schema = "order_test_" + TestServers.randomSuffix();
    private final String redisPrefix = "it-app-" + TestServers.randomSuffix();

    ProductionBackends() {
        server.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
    }

    /** The environment of one instance: these backends, a random port, the given node id and payment timeout. */
    AppConfig config(int nodeId, Duration paymentTimeout) {
        return config(nodeId, paymentTimeout, Map.of());
    }

    /** As {@link #config(int, Duration)}, with {@code extra} variables on top. */
    AppConfig config(int nodeId, Duration paymentTimeout, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("ORDER_HTTP_PORT", "0");
        env.put("ORDER_DB_URL", server.url(schema));
        env.put("ORDER_DB_USER", server.user());
        env.put("ORDER_DB_PASSWORD", server.password());
        env.put("ORDER_REDIS_URL", TestServers.redisUrl());
        env.put("ORDER_REDIS_PREFIX", redisPrefix);
        env.put("ORDER_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("ORDER_PAYMENT_TIMEOUT", paymentTimeout.toString());
        env.put("ORDER_NODE_ID", Integer.toString(nodeId));
        env.putAll(extra);
        AppConfig config = AppConfig.from(ConfigSource.of(env));
        if (config.embedded()) throw new IllegalStateException("expected production mode");
        return config;
    }

    @Override
    public void close() {
        try {
            server.execute("DROP DATABASE IF EXISTS " + schema);
        } finally {
            TestServers.deleteRedisKeys(redisPrefix);
        }
    }
}
