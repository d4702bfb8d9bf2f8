package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;

/** A product with its available stock; {@code price} in minor units of {@code currency}. */
public record ProductView(long id, String name, String description, long price, String currency, long available,
                          boolean onSale) {
    public static ProductView of(ProductDetail detail) {
        Product p = detail.product();
        return new ProductView(p.id().value(), p.name(), p.description(), p.price().minor(),
                p.price().currency().getCurrencyCode(), detail.available(), p.onSale());
    }
}
