package dev.ordersystem.core.domain;

/** What a shop frontend shows for a product: the catalogue entry with its available stock. */
public record ProductDetail(Product product, long available) {
}
