package dev.ordersystem.core.domain;

import java.time.Instant;

/** A recorded change of a product's stock outside orders: the initial stock and admin adjustments. */
public record StockMovement(ProductId productId, long delta, String reason, Instant at) {
}
