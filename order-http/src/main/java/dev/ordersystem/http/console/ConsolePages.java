package dev.ordersystem.http.console;

import dev.ordersystem.core.domain.NotFound;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin console (DESIGN §16): static HTML, CSS and JavaScript modules from the jar, written
 * without a build step, served under {@code /admin/}. The pages hold no data: every figure comes
 * from the admin API, called by the page with the admin token as a bearer header. Only the files
 * listed here are served, read once at start.
 *
 * <p>Every answer carries a strict Content-Security-Policy: scripts, styles and calls from this
 * origin only, no inline script or style attribute, no framing, nothing from another host.
 */
public final class ConsolePages {
    /** What the pages may do: their own scripts, styles and API calls; nothing inline, nothing framed. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String RESOURCES = "/dev/ordersystem/http/console/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String[] FILES = {"index.html", "console.css", "favicon.svg", "app.js", "api.js", "view.js",
            "dashboard.js", "orders.js", "refunds.js", "payments.js", "reconciliations.js", "products.js", "users.js", "webhooks.js",
            "deliveries.js", "events.js"};

    private final Map<String, byte[]> files = new TreeMap<>();

    public ConsolePages() {
        for (String name : FILES) files.put(name, read(name));
    }

    public void register(RoutesConfig routes) {
        // Javalin matches /admin and /admin/ alike; the page must be at /admin/ for its relative links to resolve.
        routes.get("/admin", ctx -> {
            if (ctx.path().endsWith("/")) {
                serve(ctx, "index.html");
            } else {
                secure(ctx);
                ctx.redirect("/admin/", HttpStatus.FOUND);
            }
        });
        routes.get("/admin/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    private void serve(Context ctx, String name) {
        byte[] body = files.get(name);
        if (body == null) throw new NotFound("console file " + (name.length() > 40 ? name.substring(0, 40) : name));
        secure(ctx);
        // Revalidated on each load, so a new jar's pages are never mixed with an old one's.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1))).result(body);
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsolePages.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + RESOURCES + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
