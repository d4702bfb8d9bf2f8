package dev.ordersystem.bench;

import dev.ordersystem.harness.AppProcess;
import dev.ordersystem.harness.RedisWire;
import dev.ordersystem.harness.ShopApi;
import dev.ordersystem.harness.WireHttp;
import dev.ordersystem.harness.WireReply;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The system under test in production mode: an empty bench database and a cleared Redis prefix,
 * the app jar started with {@code -Xmx512m}, 1,000 products and 10,000 buyers seeded in bulk.
 */
final class BenchShop implements AutoCloseable {
    static final String ADMIN_TOKEN = "bench-admin-token-0123456789";
    static final int REDIS_PORT = 6379;
    static final String REDIS_PREFIX = "bench";
    static final int PRODUCTS = 1_000;
    static final int BUYERS = 10_000;
    static final long PRICE = 1_999;

    final AppProcess app;
    final WireHttp http;
    final ShopApi api;
    final BenchDatabase db;
    final BenchDatabase.Buyers buyers;
    final long firstProduct;

    private BenchShop(AppProcess app, ShopApi api, BenchDatabase db, BenchDatabase.Buyers buyers, long firstProduct) {
        this.app = app;
        this.http = app.http();
        this.api = api;
        this.db = db;
        this.buyers = buyers;
        this.firstProduct = firstProduct;
    }

    static BenchShop open(String name, Path appJar, long stockPerProduct) throws Exception {
        return open(name, appJar, stockPerProduct, Map.of());
    }

    /** As {@link #open(String, Path, long)}, with {@code extraEnv} on top of the production environment. */
    static BenchShop open(String name, Path appJar, long stockPerProduct, Map<String, String> extraEnv) throws Exception {
        BenchDatabase.SCHEMA.recreate();
        clearRedis();
        Map<String, String> env = AppProcess.productionEnv(BenchDatabase.SCHEMA, REDIS_PORT, REDIS_PREFIX, ADMIN_TOKEN);
        env.put("ORDER_NODE_ID", "1");
        env.putAll(extraEnv);
        List<String> javaArgs = new ArrayList<>(List.of("-Xmx512m"));
        // e.g. -Dbench.appJavaOpts=-XX:StartFlightRecording=filename=app.jfr to profile the app under load
        String extra = System.getProperty("bench.appJavaOpts", "").strip();
        if (!extra.isEmpty()) javaArgs.addAll(List.of(extra.split("\\s+")));
        javaArgs.addAll(List.of("-jar", appJar.toString()));
        AppProcess app = AppProcess.started(javaArgs, env, Path.of("."), Bench.log(name), Duration.ofSeconds(60));
        CpuMeter.watchApp(app.pid());
        BenchDatabase db = BenchDatabase.open(4);
        try {
            ShopApi api = new ShopApi(app.http(), ADMIN_TOKEN);
            // The one slow password hash of the run; the seeded buyers reuse it.
            api.register("bench-first", "bench-password-1");
            long first = db.addProducts(PRODUCTS, PRICE, stockPerProduct);
            BenchDatabase.Buyers buyers = db.addBuyers(BUYERS, db.anyPasswordHash());
            return new BenchShop(app, api, db, buyers, first);
        } catch (Exception e) {
            db.close();
            app.close();
            throw e;
        }
    }

    static void clearRedis() throws IOException {
        try (RedisWire redis = new RedisWire(REDIS_PORT)) {
            redis.deleteMatching(REDIS_PREFIX + ":*");
            redis.deleteMatching("{" + REDIS_PREFIX + ":*");
        }
    }

    long createProduct(String name, long stock) throws IOException {
        return api.createProduct(name, "flash sale", PRICE, stock);
    }

    /** One unit of a product, paid by WeChat: the order every load loop sends. */
    static String orderBody(long productId, long addressId) {
        return orderBody(productId, addressId, 1);
    }

    static String orderBody(long productId, long addressId, int quantity) {
        return ShopApi.orderBody(productId, quantity, addressId, "WECHAT");
    }

    /** The §7 audit; a violation fails the run. It reads every order, which takes tens of seconds after P1, hence the long wait. */
    void audit(Report report, String after) throws IOException {
        WireReply r = api.audit(Duration.ofMinutes(5));
        if (ShopApi.clean(r)) {
            report.line("- §7 audit after " + after + ": ok, no violations");
        } else {
            String body = r.text().length() > 2000 ? r.text().substring(0, 2000) + "…" : r.text();
            report.fail("§7 audit after " + after + ": HTTP " + r.status() + " " + body);
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
