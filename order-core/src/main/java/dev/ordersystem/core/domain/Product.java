package dev.ordersystem.core.domain;

import java.util.Objects;

/**
 * A catalogue entry. Stock is not here: it lives in the {@code StockLedger}.
 *
 * @param lowStockThreshold a {@code stock.low} event is written when the available stock falls from
 *                          at least this many units to fewer (DESIGN §15); 0: no such event
 */
public record Product(ProductId id, String name, String description, Money price, boolean onSale, long lowStockThreshold) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(price, "price");
        if (lowStockThreshold < 0) throw new IllegalArgumentException("lowStockThreshold must not be negative: " + lowStockThreshold);
    }

    /** A product without a low-stock threshold. */
    public Product(ProductId id, String name, String description, Money price, boolean onSale) {
        this(id, name, description, price, onSale, 0);
    }

    /**
     * Whether taking stock from {@code before} to {@code after} units crosses the threshold
     * downwards: true once per crossing, not for every sale below it.
     */
    public boolean fallsLow(long before, long after) {
        return after < lowStockThreshold && before >= lowStockThreshold;
    }
}
