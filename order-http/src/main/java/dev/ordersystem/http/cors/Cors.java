package dev.ordersystem.http.cors;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.function.BiConsumer;

/**
 * Cross-origin access for the pages of {@link CorsOrigins} (a shop's frontend on its own origin).
 * Runs before every route, so every answer a route or Javalin gives (2xx, problems, 404s) carries
 * the headers; Jetty's own refusals get them from {@link #addTo}. A preflight ({@code OPTIONS}
 * with {@code Origin} and {@code Access-Control-Request-Method}) is answered here with 204 and
 * reaches no route, so no guard (admin, login) refuses it; from an origin not allowed it gets no
 * allow headers, and the browser then blocks the call. Never {@code Access-Control-Allow-Credentials}:
 * the API authenticates by bearer token, which the page sends itself.
 */
public final class Cors {
    public static final String ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    public static final String ALLOW_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Request-Id, If-None-Match, Accept-Language";
    public static final String EXPOSE_HEADERS = "X-Request-Id, Retry-After, Location, Idempotent-Replayed, ETag";
    /** How long a browser may reuse a preflight's answer: 10 min (Chromium's own cap is 2 h). */
    public static final int MAX_AGE_SECONDS = 600;

    private final CorsOrigins origins;

    public Cors(CorsOrigins origins) {
        this.origins = origins;
    }

    /** The before-handler: adds the headers, and answers a preflight itself. */
    public void begin(Context ctx) {
        if (origins.isEmpty()) return;
        String origin = ctx.header("Origin");
        boolean preflight = ctx.method() == HandlerType.OPTIONS && origin != null
                && ctx.header("Access-Control-Request-Method") != null;
        // Added, not set: another Vary (Accept-Encoding, Accept-Language) must stay.
        addTo(origin, ctx.res()::addHeader);
        if (!preflight) return;
        if (origins.allows(origin)) {
            ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
            ctx.header("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
        }
        ctx.status(204);
        ctx.skipRemainingHandlers();
    }

    /** Adds the headers for an answer to a request from {@code origin} (null when it sent none). */
    public void addTo(String origin, BiConsumer<String, String> header) {
        if (origins.isEmpty()) return;
        // The answer depends on Origin unless every origin gets "*": a cache must keep them apart.
        if (!origins.any()) header.accept("Vary", "Origin");
        if (!origins.allows(origin)) return;
        header.accept("Access-Control-Allow-Origin", origins.any() ? "*" : origin);
        header.accept("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
}
