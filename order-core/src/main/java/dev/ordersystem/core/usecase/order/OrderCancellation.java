package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;

/**
 * Cancels an order whose row the caller has locked, inside the caller's transaction: the guarded
 * status change and the stock given back happen together or not at all. Pending orders hold no
 * balance (a balance payment moves the order to PAID in the same transaction), so only stock
 * comes back here.
 */
final class OrderCancellation {
    private final Storage storage;
    private final Clock clock;

    OrderCancellation(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    Order cancelLocked(Order locked, CancelReason reason) {
        Order cancelled = locked.cancel(reason, clock.instant());
        storage.orders().update(cancelled, locked.status());
        storage.stock().release(locked.stockLines());
        return cancelled;
    }
}
