package dev.ordersystem.http.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The web origins whose pages may call the API from a browser ({@code ORDER_CORS_ORIGINS}): exact
 * origins such as {@code https://shop.example.com} (scheme, host, optional port; no path), or
 * {@code *} for any page. {@code *} is safe here because the API never asks the browser to send
 * credentials (cookies, TLS client certificates): a page sends its bearer token itself in
 * {@code Authorization}, so {@code Access-Control-Allow-Credentials} is never sent.
 */
public final class CorsOrigins {
    private static final CorsOrigins NONE = new CorsOrigins(Set.of(), false);

    private final Set<String> exact;
    private final boolean any;

    private CorsOrigins(Set<String> exact, boolean any) {
        this.exact = Set.copyOf(exact);
        this.any = any;
    }

    /** No page of another origin may call the API (the default). */
    public static CorsOrigins none() {
        return NONE;
    }

    /**
     * A comma-separated list of origins, or {@code *}; blank is {@link #none()}.
     *
     * @throws IllegalArgumentException naming the first entry that is not an origin
     */
    public static CorsOrigins parse(String text) {
        if (text == null || text.isBlank()) return NONE;
        Set<String> origins = new LinkedHashSet<>();
        boolean any = false;
        for (String entry : text.split(",", -1)) {
            String origin = entry.strip();
            if (origin.equals("*")) {
                any = true;
            } else {
                origins.add(checked(origin));
            }
        }
        if (any && !origins.isEmpty()) {
            throw new IllegalArgumentException("* allows every origin; list exact origins or * alone, not both");
        }
        return new CorsOrigins(origins, any);
    }

    private static String checked(String origin) {
        String problem = "'" + origin + "' is not an origin like https://shop.example.com (scheme, host, optional port, no path)";
        if (origin.isEmpty()) throw new IllegalArgumentException("an empty entry is not an origin");
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = uri.getScheme();
        boolean web = "http".equals(scheme) || "https".equals(scheme);
        if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(problem);
        }
        // Browsers send the origin in lower case, with no port when it is the scheme's default.
        String serialised = origin.toLowerCase(Locale.ROOT);
        if (!serialised.equals(origin)) {
            throw new IllegalArgumentException("'" + origin + "' must be written in lower case, as browsers send it");
        }
        int port = uri.getPort();
        if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
            throw new IllegalArgumentException("'" + origin + "' names the default port; browsers send the origin without it");
        }
        return origin;
    }

    /** Whether a page of {@code origin} (the request's {@code Origin} header, maybe null) may read answers. */
    public boolean allows(String origin) {
        if (origin == null) return false;
        return any || exact.contains(origin);
    }

    /** Whether every origin is allowed (then the answer says {@code *}). */
    boolean any() {
        return any;
    }

    /** Whether no origin is allowed. */
    public boolean isEmpty() {
        return !any && exact.isEmpty();
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(",", exact);
    }
}
