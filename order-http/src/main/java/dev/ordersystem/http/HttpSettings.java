package dev.ordersystem.http;

import java.util.Objects;

/**
 * The knobs of the HTTP layer.
 *
 * @param adminToken         the secret admin routes require as {@code Authorization: Bearer <adminToken>}
 * @param loginPerUsername   login attempts allowed per username
 * @param loginPerClient     login attempts allowed per client IP
 * @param virtualThreads     whether Jetty runs each request on a virtual thread (blocking JDBC is cheap then)
 */
public record HttpSettings(String adminToken, RateLimit loginPerUsername, RateLimit loginPerClient,
                           boolean virtualThreads) {
    /** Long enough to resist guessing; the app generates a 256-bit one in the embedded mode. */
    static final int MIN_ADMIN_TOKEN = 16;

    public HttpSettings {
        Objects.requireNonNull(adminToken, "adminToken");
        if (adminToken.length() < MIN_ADMIN_TOKEN) {
            throw new IllegalArgumentException("the admin token must have at least " + MIN_ADMIN_TOKEN + " characters");
        }
        Objects.requireNonNull(loginPerUsername, "loginPerUsername");
        Objects.requireNonNull(loginPerClient, "loginPerClient");
    }

    /** 5 attempts per username then one every 12 s; 20 per client IP then one every 3 s; virtual threads. */
    public static HttpSettings defaults(String adminToken) {
        return new HttpSettings(adminToken, RateLimit.of(5, 12), RateLimit.of(20, 3), true);
    }

    public HttpSettings withLoginPerUsername(RateLimit value) {
        return new HttpSettings(adminToken, value, loginPerClient, virtualThreads);
    }

    public HttpSettings withLoginPerClient(RateLimit value) {
        return new HttpSettings(adminToken, loginPerUsername, value, virtualThreads);
    }

    public HttpSettings withVirtualThreads(boolean value) {
        return new HttpSettings(adminToken, loginPerUsername, loginPerClient, value);
    }

    @Override
    public String toString() {
        return "HttpSettings[adminToken=<hidden>, loginPerUsername=" + loginPerUsername
                + ", loginPerClient=" + loginPerClient + ", virtualThreads=" + virtualThreads + "]";
    }
}
