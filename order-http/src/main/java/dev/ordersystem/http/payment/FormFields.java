package dev.ordersystem.http.payment;

import dev.ordersystem.http.payment.NotificationRejected.Reason;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body, decoded in the charset the
 * form names in its own {@code charset} field (Alipay's convention; UTF-8 when absent).
 * A repeated field is refused: which copy was signed would be ambiguous.
 */
public final class FormFields {
    private FormFields() {
    }

    public static Map<String, String> parse(byte[] body) {
        String ascii = new String(body, StandardCharsets.ISO_8859_1); // percent-encoded: the bytes stay as they are
        Map<String, String> raw = new LinkedHashMap<>();
        for (String pair : ascii.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (raw.put(key, eq < 0 ? "" : pair.substring(eq + 1)) != null) {
                throw new NotificationRejected(Reason.MALFORMED, "form field repeated: " + key);
            }
        }
        Charset charset = charset(raw.get("charset"));
        Map<String, String> fields = new TreeMap<>();
        try {
            raw.forEach((k, v) -> fields.put(URLDecoder.decode(k, charset), URLDecoder.decode(v, charset)));
        } catch (IllegalArgumentException e) {
            throw new NotificationRejected(Reason.MALFORMED, "form is not percent-encoded correctly");
        }
        return fields;
    }

    /** Alipay's signed content: every non-empty field but {@code sign} and {@code sign_type}, sorted by key, {@code k=v&…}. */
    public static String signedContent(Map<String, String> fields) {
        Set<String> unsigned = Set.of("sign", "sign_type");
        return new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !unsigned.contains(e.getKey()) && !e.getKey().isEmpty() && e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    static Charset charset(String name) {
        if (name == null || name.isEmpty()) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(URLDecoder.decode(name, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) { // also IllegalCharsetName- and UnsupportedCharsetException
            throw new NotificationRejected(Reason.MALFORMED, "unknown charset " + name);
        }
    }
}
