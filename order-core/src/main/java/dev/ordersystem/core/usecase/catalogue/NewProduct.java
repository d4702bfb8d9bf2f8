package dev.ordersystem.core.usecase.catalogue;

/** An admin's request to add a product; {@code price} in minor units, {@code stock} its initial quantity. */
public record NewProduct(String name, String description, long price, long stock, boolean onSale) {
}
