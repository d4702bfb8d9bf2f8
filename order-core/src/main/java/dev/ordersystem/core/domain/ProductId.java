package dev.ordersystem.core.domain;

/** Identifies a product of the catalogue. */
public record ProductId(long value) implements Comparable<ProductId> {
    public ProductId {
        if (value <= 0) throw new IllegalArgumentException("product id must be positive: " + value);
    }

    @Override
    public int compareTo(ProductId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
