package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.StockLedger;

import java.time.Clock;
import java.util.List;

/**
 * Cancels an order whose row the caller has locked, inside the caller's transaction: the guarded
 * status change and the stock given back happen together or not at all. Pending orders hold no
 * balance (a balance payment moves the order to PAID in the same transaction), so only stock
 * comes back here. The {@code order.cancelled} event is written in the same transaction.
 */
final class OrderCancellation {
    private final OrderRepository orders;
    private final StockLedger stock;
    private final Outbox outbox;
    private final Clock clock;

    OrderCancellation(OrderRepository orders, StockLedger stock, Outbox outbox, Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.outbox = outbox;
        this.clock = clock;
    }

    Order cancelLocked(Order locked, CancelReason reason) {
        Order cancelled = locked.cancel(reason, clock.instant());
        orders.update(cancelled, locked.status());
        stock.release(locked.stockLines());
        outbox.append(List.of(OrderEvent.reached(cancelled, cancelled.cancelledAt())));
        return cancelled;
    }
}
