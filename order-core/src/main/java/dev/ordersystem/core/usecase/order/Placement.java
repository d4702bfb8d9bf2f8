package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.OrderNo;

/** A validated placement on its way to the database, with the order number it will get. */
record Placement(OrderNo orderNo, PlaceOrderCommand command, Cart cart, String fingerprint) {
}
