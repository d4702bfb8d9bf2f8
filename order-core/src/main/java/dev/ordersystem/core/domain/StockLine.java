package dev.ordersystem.core.domain;

/** A quantity of one product, as reserved from or given back to the stock. */
public record StockLine(ProductId productId, int quantity) {
    public StockLine {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
    }
}
