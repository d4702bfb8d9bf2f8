package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;

/**
 * A product as the admin routes show it: the buyer's view and its low-stock threshold
 * ({@code stock.low} is written when {@code available} falls below it; 0: off).
 */
public record AdminProductView(long id, String name, String description, long price, String currency, long available,
                               boolean onSale, long lowStockThreshold) {
    public static AdminProductView of(ProductDetail detail) {
        Product p = detail.product();
        return new AdminProductView(p.id().value(), p.name(), p.description(), p.price().minor(),
                p.price().currency().getCurrencyCode(), detail.available(), p.onSale(), p.lowStockThreshold());
    }
}
