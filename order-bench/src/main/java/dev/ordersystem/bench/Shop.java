package dev.ordersystem.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under test in production mode: an empty bench database and a cleared Redis prefix,
 * the app jar started with {@code -Xmx512m}, 1,000 products and 10,000 buyers seeded in bulk.
 */
final class Shop implements AutoCloseable {
    static final String ADMIN_TOKEN = "bench-admin-token-0123456789";
    static final String REDIS_PREFIX = "bench";
    static final int PRODUCTS = 1_000;
    static final int BUYERS = 10_000;
    static final long PRICE = 1_999;

    final AppProcess app;
    final Http http;
    final BenchDatabase db;
    final BenchDatabase.Buyers buyers;
    final long firstProduct;

    private Shop(AppProcess app, BenchDatabase db, BenchDatabase.Buyers buyers, long firstProduct) {
        this.app = app;
        this.http = new Http(app.port);
        this.db = db;
        this.buyers = buyers;
        this.firstProduct = firstProduct;
    }

    static Shop open(String name, Path appJar, long stockPerProduct) throws Exception {
        BenchDatabase.recreate();
        clearRedis();
        Map<String, String> env = new HashMap<>();
        env.put("ORDER_DB_URL", BenchDatabase.URL);
        env.put("ORDER_DB_USER", "root");
        env.put("ORDER_DB_PASSWORD", "");
        env.put("ORDER_REDIS_URL", "redis://127.0.0.1:6379");
        env.put("ORDER_REDIS_PREFIX", REDIS_PREFIX);
        env.put("ORDER_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("ORDER_NODE_ID", "1");
        AppProcess app = AppProcess.start(name, List.of("-Xmx512m", "-jar", appJar.toString()), env, "/health/ready",
                Path.of("."));
        CpuMeter.watchApp(app.pid());
        BenchDatabase db = BenchDatabase.open(4);
        try {
            Http http = new Http(app.port);
            // The one slow password hash of the run; the seeded buyers reuse it.
            HttpResponse<String> registered = http.post("/api/v1/auth/register", null,
                    "{\"username\":\"bench-first\",\"password\":\"bench-password-1\"}");
            if (registered.statusCode() != 201) throw new IllegalStateException("register: " + registered.body());
            long first = db.addProducts(PRODUCTS, PRICE, stockPerProduct);
            BenchDatabase.Buyers buyers = db.addBuyers(BUYERS, db.anyPasswordHash());
            return new Shop(app, db, buyers, first);
        } catch (Exception e) {
            db.close();
            app.close();
            throw e;
        }
    }

    static void clearRedis() throws IOException {
        try (RedisWire redis = new RedisWire("127.0.0.1", 6379)) {
            redis.deleteMatching(REDIS_PREFIX + ":*");
            redis.deleteMatching("{" + REDIS_PREFIX + ":*");
        }
    }

    /** A product made through the admin API (so cache and movements are the app's own). */
    long createProduct(String name, long stock) throws Exception {
        HttpResponse<String> r = http.post("/api/v1/admin/products", ADMIN_TOKEN,
                "{\"name\":\"%s\",\"description\":\"flash sale\",\"price\":%d,\"stock\":%d,\"onSale\":true}"
                        .formatted(name, PRICE, stock));
        if (r.statusCode() != 201) throw new IllegalStateException("create product: " + r.body());
        return Long.parseLong(r.body().replaceAll("^\\{\"id\":(\\d+).*$", "$1").trim());
    }

    static String orderBody(long productId, long addressId) {
        return orderBody(productId, addressId, 1);
    }

    static String orderBody(long productId, long addressId, int quantity) {
        return "{\"items\":[{\"productId\":%d,\"quantity\":%d}],\"addressId\":%d,\"paymentMethod\":\"WECHAT\"}"
                .formatted(productId, quantity, addressId);
    }

    /**
     * The §7 audit over HTTP; a violation fails the run. It reads every order: after P1's ~400,000
     * orders with a 128 MiB buffer pool that took ~25 s cold (~5 s warm), hence the long timeout.
     */
    void audit(Report report, String after) throws Exception {
        HttpResponse<String> r = http.get("/api/v1/admin/audit", ADMIN_TOKEN, Duration.ofMinutes(5));
        if (r.statusCode() == 200 && r.body().contains("\"ok\":true")) {
            report.line("- §7 audit after " + after + ": ok, no violations");
        } else {
            String body = r.body().length() > 2000 ? r.body().substring(0, 2000) + "…" : r.body();
            report.fail("§7 audit after " + after + ": HTTP " + r.statusCode() + " " + body);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            db.close();
        } finally {
            app.close();
            clearRedis();
        }
    }
}
