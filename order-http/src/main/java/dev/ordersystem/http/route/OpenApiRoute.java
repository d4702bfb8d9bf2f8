package dev.ordersystem.http.route;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the hand-written OpenAPI 3 description ({@code openapi.json} on the classpath). A test
 * compares it with the registered routes in both directions, so it cannot drift silently.
 */
public final class OpenApiRoute {
    public static final String RESOURCE = "/dev/ordersystem/http/openapi.json";

    private final byte[] document;

    public OpenApiRoute() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
