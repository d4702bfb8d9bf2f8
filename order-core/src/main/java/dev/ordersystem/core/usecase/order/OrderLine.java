package dev.ordersystem.core.usecase.order;

/** One requested line of a cart, as the client sent it (validated by {@link PlaceOrder}). */
public record OrderLine(long productId, int quantity) {
}
