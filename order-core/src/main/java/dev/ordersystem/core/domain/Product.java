package dev.ordersystem.core.domain;

import java.util.Objects;

/** A catalogue entry. Stock is not here: it lives in the {@code StockLedger}. */
public record Product(ProductId id, String name, String description, Money price, boolean onSale) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(price, "price");
    }
}
