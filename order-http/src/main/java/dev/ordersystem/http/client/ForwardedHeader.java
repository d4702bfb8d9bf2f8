package dev.ordersystem.http.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header trusted proxies write the client's address into, each appending the address it
 * got the request from: {@code X-Forwarded-For: client, proxy1} or RFC 7239's
 * {@code Forwarded: for=client, for=proxy1}. Only one of them is read, the one the proxies are
 * known to write: a proxy passes the other one on as the client sent it, forged or not.
 */
public enum ForwardedHeader {
    X_FORWARDED_FOR("X-Forwarded-For"),
    FORWARDED("Forwarded");

    private final String header;

    ForwardedHeader(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** By its header name, case-insensitive. */
    public static ForwardedHeader named(String name) {
        for (ForwardedHeader value : values()) if (value.header.equalsIgnoreCase(name.trim())) return value;
        throw new IllegalArgumentException("must be X-Forwarded-For or Forwarded, was '" + name + "'");
    }

    /**
     * The hops of the header's values (every occurrence, in order), left (the first sender) to
     * right (the last proxy); a hop that is not an address (garbage, {@code unknown}, an
     * obfuscated name, no {@code for=}) is empty.
     */
    List<Optional<String>> hops(List<String> values) {
        List<Optional<String>> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : split(value, ',')) {
                hops.add(this == X_FORWARDED_FOR ? Optional.of(element.trim()) : forParameter(element));
            }
        }
        return hops;
    }

    /** The {@code for=} value of one {@code Forwarded} element, unquoted. */
    private static Optional<String> forParameter(String element) {
        for (String pair : split(element, ';')) {
            int eq = pair.indexOf('=');
            if (eq < 0 || !pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) continue;
            String value = pair.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            return Optional.of(value);
        }
        return Optional.empty();
    }

    /** Splits at {@code separator} outside quoted strings (RFC 7230 quoted-string, with backslash escapes). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') quoted = !quoted;
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
