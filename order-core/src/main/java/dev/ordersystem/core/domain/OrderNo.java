package dev.ordersystem.core.domain;

import java.util.regex.Pattern;

/**
 * The order number shown to buyers and sent to payment providers.
 * Digits only, 8 to 32 of them, so it is safe in URLs, logs and provider fields.
 */
public record OrderNo(String value) implements Comparable<OrderNo> {
    private static final Pattern SHAPE = Pattern.compile("[0-9]{8,32}");

    public OrderNo {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("order number must be 8..32 digits: " + value);
        }
    }

    /** True when {@code text} has the shape of an order number (used to answer 404, not 500, on junk). */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    @Override
    public int compareTo(OrderNo other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
