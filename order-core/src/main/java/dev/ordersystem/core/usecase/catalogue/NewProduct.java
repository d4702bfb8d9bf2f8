package dev.ordersystem.core.usecase.catalogue;

/**
 * An admin's request to add a product; {@code price} in minor units, {@code stock} its initial
 * quantity, {@code lowStockThreshold} where {@code stock.low} is written (0: never).
 */
public record NewProduct(String name, String description, long price, long stock, boolean onSale, long lowStockThreshold) {

    /** A product without a low-stock threshold. */
    public NewProduct(String name, String description, long price, long stock, boolean onSale) {
        this(name, description, price, stock, onSale, 0);
    }
}
