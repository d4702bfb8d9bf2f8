package dev.ordersystem.core.domain;

/** Identifies one of a user's shipping addresses. */
public record AddressId(long value) {
    public AddressId {
        if (value <= 0) throw new IllegalArgumentException("address id must be positive: " + value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
