package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.Optional;

/**
 * DESIGN §4.5–4.6: the payment-timeout cancel of one order, run by its delay-queue job or the sweep.
 * An order with an open provider trade (DESIGN §13) has it closed first, outside any transaction:
 * paid at the provider → the payment is applied and the order is paid, not cancelled; closed →
 * cancelled; the provider not heard → cancelled anyway (the provider's deadline, the order's
 * {@code expiresAt}, stops new payments; a late notification takes the late-payment path).
 */
public final class ExpireOrder {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final OrderCancellation cancellation;
    private final Restock restock;
    private final OpenTrades openTrades;
    private final Clock clock;

    public ExpireOrder(Transactions transactions, OrderRepository orders, StockLedger stock, Outbox outbox, Restock restock,
                       OpenTrades openTrades, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.openTrades = openTrades;
        this.cancellation = new OrderCancellation(orders, stock, outbox, clock);
        this.restock = restock;
        this.clock = clock;
    }

    public ExpiryOutcome expire(OrderNo orderNo) {
        if (openTrades.closeBeforeCancel(orderNo, order -> order.isOverdue(clock.instant())) == OpenTrades.Closing.PAID) {
            return ExpiryOutcome.PAID_AT_PROVIDER;
        }
        Order[] expired = new Order[1];
        ExpiryOutcome outcome = transactions.inTransaction(() -> {
            Optional<Order> found = orders.lock(orderNo);
            if (found.isEmpty()) return ExpiryOutcome.UNKNOWN_ORDER;
            Order order = found.get();
            if (order.status() != OrderStatus.PENDING_PAYMENT) return ExpiryOutcome.SETTLED;
            if (!order.isOverdue(clock.instant())) return ExpiryOutcome.NOT_DUE;
            expired[0] = cancellation.cancelLocked(order, CancelReason.PAYMENT_TIMEOUT);
            return ExpiryOutcome.EXPIRED;
        });
        if (outcome == ExpiryOutcome.EXPIRED) restock.returned(expired[0].stockLines());
        return outcome;
    }
}
