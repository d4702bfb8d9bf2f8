package dev.ordersystem.core.domain;

import java.util.Objects;

/** A quantity of one product of the order that a refund gives back. */
public record RefundLine(ProductId productId, int quantity) {
    public RefundLine {
        Objects.requireNonNull(productId, "productId");
        if (quantity < 1) throw new IllegalArgumentException("a refund line's quantity must be positive: " + quantity);
    }
}
