package dev.ordersystem.app;

import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.http.HttpSettings;
import dev.ordersystem.http.client.ForwardedHeader;
import dev.ordersystem.http.client.ProxyTrust;
import dev.ordersystem.http.cors.CorsOrigins;

import java.util.List;
import java.util.function.Supplier;

/**
 * Who the client is and how often it may try (DESIGN §6): the trusted proxies
 * ({@code ORDER_TRUSTED_PROXIES}, {@code ORDER_FORWARDED_HEADER}) and the login and registration
 * limits ({@code ORDER_LOGIN_LIMIT_PER_CLIENT}, {@code ORDER_LOGIN_LIMIT_PER_USERNAME},
 * {@code ORDER_REGISTER_LIMIT_PER_CLIENT}, each {@code <burst>/<window>}, see {@link AttemptLimit}), and which
 * web origins' pages may call the API from a browser ({@code ORDER_CORS_ORIGINS}, see {@link CorsOrigins}).
 */
public record EdgeConfig(ProxyTrust proxies, AttemptLimit loginPerClient, AttemptLimit loginPerUsername,
                         AttemptLimit registerPerClient, CorsOrigins cors) {
    static final String DEFAULT_LOGIN_PER_CLIENT = "20/1m";
    static final String DEFAULT_LOGIN_PER_USERNAME = "5/1m";
    static final String DEFAULT_REGISTER_PER_CLIENT = "20/1m";

    /** Reads the variables, adding one line naming the variable to {@code problems} per bad value (then the result is null). */
    static EdgeConfig read(ConfigSource source, List<String> problems) {
        int before = problems.size();
        ForwardedHeader header = value(problems, "ORDER_FORWARDED_HEADER",
                () -> ForwardedHeader.named(source.get("ORDER_FORWARDED_HEADER").orElse("X-Forwarded-For")));
        ProxyTrust proxies = value(problems, "ORDER_TRUSTED_PROXIES",
                () -> ProxyTrust.parse(source.get("ORDER_TRUSTED_PROXIES").orElse(""),
                        header == null ? ForwardedHeader.X_FORWARDED_FOR : header));
        AttemptLimit loginPerClient = limit(source, problems, "ORDER_LOGIN_LIMIT_PER_CLIENT", HttpSettings.LOGIN_PER_CLIENT,
                DEFAULT_LOGIN_PER_CLIENT);
        AttemptLimit loginPerUsername = limit(source, problems, "ORDER_LOGIN_LIMIT_PER_USERNAME", HttpSettings.LOGIN_PER_USERNAME,
                DEFAULT_LOGIN_PER_USERNAME);
        AttemptLimit registerPerClient = limit(source, problems, "ORDER_REGISTER_LIMIT_PER_CLIENT", HttpSettings.REGISTER_PER_CLIENT,
                DEFAULT_REGISTER_PER_CLIENT);
        CorsOrigins cors = value(problems, "ORDER_CORS_ORIGINS", () -> CorsOrigins.parse(source.get("ORDER_CORS_ORIGINS").orElse("")));
        return problems.size() > before ? null
                : new EdgeConfig(proxies, loginPerClient, loginPerUsername, registerPerClient, cors);
    }

    /** {@code settings} with these proxies, limits and origins. */
    HttpSettings applyTo(HttpSettings settings) {
        return settings.withProxies(proxies).withLoginPerClient(loginPerClient).withLoginPerUsername(loginPerUsername)
                .withRegisterPerClient(registerPerClient).withCors(cors);
    }

    private static AttemptLimit limit(ConfigSource source, List<String> problems, String key, String name, String fallback) {
        return value(problems, key, () -> AttemptLimit.parse(name, source.get(key).orElse(fallback)));
    }

    private static <T> T value(List<String> problems, String key, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }
}
