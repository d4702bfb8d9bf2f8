package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.StockLedger;

import java.time.Clock;

/**
 * Cancels an order whose row the caller has locked, inside the caller's transaction: the guarded
 * status change and the stock given back happen together or not at all. Pending orders hold no
 * balance (a balance payment moves the order to PAID in the same transaction), so only stock
 * comes back here.
 */
final class OrderCancellation {
    private final OrderRepository orders;
    private final StockLedger stock;
    private final Clock clock;

    OrderCancellation(OrderRepository orders, StockLedger stock, Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.clock = clock;
    }

    Order cancelLocked(Order locked, CancelReason reason) {
        Order cancelled = locked.cancel(reason, clock.instant());
        orders.update(cancelled, locked.status());
        stock.release(locked.stockLines());
        return cancelled;
    }
}
