package dev.ordersystem.http;

import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.http.client.ProxyTrust;
import dev.ordersystem.http.cors.CorsOrigins;

import java.util.Objects;
import java.util.Set;

/**
 * The knobs of the HTTP layer.
 *
 * @param adminToken        the secret admin routes require as {@code Authorization: Bearer <adminToken>}
 * @param loginPerUsername  login attempts allowed per username (named {@value #LOGIN_PER_USERNAME})
 * @param loginPerClient    login attempts allowed per client address (named {@value #LOGIN_PER_CLIENT})
 * @param registerPerClient registrations allowed per client address (named {@value #REGISTER_PER_CLIENT})
 * @param proxies           which peers may name the client in a forwarding header
 * @param virtualThreads    whether Jetty runs each request on a virtual thread (blocking JDBC is cheap then)
 * @param cors              the origins whose pages may call the API from a browser
 */
public record HttpSettings(String adminToken, AttemptLimit loginPerUsername, AttemptLimit loginPerClient,
                           AttemptLimit registerPerClient, ProxyTrust proxies, boolean virtualThreads,
                           CorsOrigins cors) {
    public static final String LOGIN_PER_USERNAME = "login-username";
    public static final String LOGIN_PER_CLIENT = "login-client";
    public static final String REGISTER_PER_CLIENT = "register-client";

    /** Long enough to resist guessing; the app generates a 256-bit one in the embedded mode. */
    static final int MIN_ADMIN_TOKEN = 16;

    public HttpSettings {
        Objects.requireNonNull(adminToken, "adminToken");
        if (adminToken.length() < MIN_ADMIN_TOKEN) {
            throw new IllegalArgumentException("the admin token must have at least " + MIN_ADMIN_TOKEN + " characters");
        }
        Objects.requireNonNull(loginPerUsername, "loginPerUsername");
        Objects.requireNonNull(loginPerClient, "loginPerClient");
        Objects.requireNonNull(registerPerClient, "registerPerClient");
        Objects.requireNonNull(proxies, "proxies");
        Objects.requireNonNull(cors, "cors");
        if (Set.of(loginPerUsername.name(), loginPerClient.name(), registerPerClient.name()).size() != 3) {
            throw new IllegalArgumentException("the three limits need three names, so they count apart");
        }
    }

    /**
     * 5 attempts per username, then one every 12 s ({@code 5/1m}); 20 per client address, then one
     * every 3 s ({@code 20/1m}); 20 registrations per client address, then one every 3 s
     * ({@code 20/1m}); no trusted proxies; virtual threads; no cross-origin pages.
     */
    public static HttpSettings defaults(String adminToken) {
        return new HttpSettings(adminToken, AttemptLimit.parse(LOGIN_PER_USERNAME, "5/1m"),
                AttemptLimit.parse(LOGIN_PER_CLIENT, "20/1m"), AttemptLimit.parse(REGISTER_PER_CLIENT, "20/1m"),
                ProxyTrust.none(), true, CorsOrigins.none());
    }

    public HttpSettings withLoginPerUsername(AttemptLimit value) {
        return new HttpSettings(adminToken, value, loginPerClient, registerPerClient, proxies, virtualThreads, cors);
    }

    public HttpSettings withLoginPerClient(AttemptLimit value) {
        return new HttpSettings(adminToken, loginPerUsername, value, registerPerClient, proxies, virtualThreads, cors);
    }

    public HttpSettings withRegisterPerClient(AttemptLimit value) {
        return new HttpSettings(adminToken, loginPerUsername, loginPerClient, value, proxies, virtualThreads, cors);
    }

    public HttpSettings withProxies(ProxyTrust value) {
        return new HttpSettings(adminToken, loginPerUsername, loginPerClient, registerPerClient, value, virtualThreads, cors);
    }

    public HttpSettings withVirtualThreads(boolean value) {
        return new HttpSettings(adminToken, loginPerUsername, loginPerClient, registerPerClient, proxies, value, cors);
    }

    public HttpSettings withCors(CorsOrigins value) {
        return new HttpSettings(adminToken, loginPerUsername, loginPerClient, registerPerClient, proxies, virtualThreads, value);
    }

    @Override
    public String toString() {
        return "HttpSettings[adminToken=<hidden>, loginPerUsername=" + loginPerUsername + ", loginPerClient=" + loginPerClient
                + ", registerPerClient=" + registerPerClient + ", proxies=" + proxies + ", virtualThreads=" + virtualThreads
                + ", cors=" + cors + "]";
    }
}
