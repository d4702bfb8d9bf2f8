package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import dev.ordersystem.core.port.StockGate.Admission;

import java.util.Optional;

/**
 * A validated placement admitted at the gate, on its way to the database: the order number it
 * will get, what the gate answered ({@code Held} or {@code Bypassed}) and the cart's duplicate
 * guard when it was sent without a key.
 */
record Placement(OrderNo orderNo, PlaceOrderCommand command, Cart cart, String fingerprint, Admission admission,
                 Optional<Lease> submitGuard) {
}
