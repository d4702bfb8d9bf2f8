package dev.ordersystem.core.domain;

import java.util.Objects;

/** One line of an order: a snapshot of the product as it was sold. */
public record OrderItem(ProductId productId, String productName, Money unitPrice, int quantity, Money lineAmount) {
    public OrderItem {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(productName, "productName");
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
        if (!lineAmount.equals(unitPrice.times(quantity))) {
            throw new IllegalArgumentException("line amount must equal unit price x quantity");
        }
    }

    /** Snapshots {@code product} at its current price. */
    public static OrderItem of(Product product, int quantity) {
        return new OrderItem(product.id(), product.name(), product.price(), quantity, product.price().times(quantity));
    }
}
