package dev.ordersystem.core.domain;

/** Identifies a shop user (a buyer). */
public record UserId(long value) {
    public UserId {
        if (value <= 0) throw new IllegalArgumentException("user id must be positive: " + value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
