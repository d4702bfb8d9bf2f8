package dev.ordersystem.http.route;

import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;

import java.util.List;

/**
 * {@code HEAD} on every {@code GET} route runs that route (its guard, status, headers, 304 or
 * problem), and Jetty sends no body. Without this Javalin answers {@code HEAD} of a {@code GET}
 * route with an empty 200 without running it: a 200 for a product that does not exist, or for
 * {@code /api/v1/me} without a token. Added once, after every route is registered.
 */
public final class HeadLikeGet {
    private HeadLikeGet() {
    }

    public static void register(InternalRouter router) {
        List<Endpoint> gets = router.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method == HandlerType.GET).toList();
        for (Endpoint get : gets) {
            router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler));
        }
    }
}
