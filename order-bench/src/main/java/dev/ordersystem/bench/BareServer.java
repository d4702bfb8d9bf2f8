package dev.ordersystem.bench;

import io.javalin.Javalin;

/**
 * P3's reference: a bare Javalin handler answering a product-sized JSON body from memory, with the
 * app's Jetty settings (virtual threads, no banner), run as its own JVM like the app.
 */
public final class BareServer {
    static final String BODY = "{\"id\":1,\"name\":\"Bench product 1\",\"description\":\"A product of the benchmark catalogue\","
            + "\"price\":1999,\"currency\":\"CNY\",\"available\":1000000,\"onSale\":true}";

    private BareServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("ORDER_HTTP_PORT", "8099"));
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.routes.get("/health/ready", ctx -> ctx.result("UP"));
            config.routes.get("/api/v1/products/{id}", ctx -> ctx.contentType("application/json").result(BODY));
        }).start(port);
    }
}
