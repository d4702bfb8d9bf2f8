package dev.ordersystem.core.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data} object of an event as JSON text: flat members of strings, whole numbers and
 * nulls, in the order they were added. The core has no JSON library; this is all an event needs.
 */
public final class EventData {
    private final List<String> members = new ArrayList<>();

    public EventData text(String name, String value) {
        members.add(quote(name) + ":" + (value == null ? "null" : quote(value)));
        return this;
    }

    public EventData number(String name, long value) {
        members.add(quote(name) + ":" + value);
        return this;
    }

    public String json() {
        return "{" + String.join(",", members) + "}";
    }

    /** {@code text} as a JSON string literal (RFC 8259 escapes; non-ASCII kept as is). */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') out.append("\\u%04x".formatted((int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
