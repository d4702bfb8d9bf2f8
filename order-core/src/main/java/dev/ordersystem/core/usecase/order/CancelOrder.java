package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.function.Predicate;

/**
 * DESIGN §4.5: cancels a pending order — the user's own, or any by an admin — giving its stock
 * back exactly once. Idempotent: cancelling a cancelled order answers the cancelled order. An
 * open provider trade of the order is closed first, as the expiry does ({@link OpenTrades}).
 */
public final class CancelOrder {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final OrderCancellation cancellation;
    private final ExpiryJobs expiryJobs;
    private final Restock restock;
    private final OpenTrades openTrades;

    public CancelOrder(Transactions transactions, OrderRepository orders, StockLedger stock, Outbox outbox,
                       ExpiryJobs expiryJobs, Restock restock, OpenTrades openTrades, Clock clock) {
        this.openTrades = openTrades;
        this.transactions = transactions;
        this.orders = orders;
        this.cancellation = new OrderCancellation(orders, stock, outbox, clock);
        this.expiryJobs = expiryJobs;
        this.restock = restock;
    }

    public Order cancelByUser(UserId userId, OrderNo orderNo) {
        return cancel(orderNo, order -> order.belongsTo(userId), CancelReason.BY_USER);
    }

    public Order cancelByAdmin(OrderNo orderNo) {
        return cancel(orderNo, order -> true, CancelReason.BY_ADMIN);
    }

    private Order cancel(OrderNo orderNo, Predicate<Order> visible, CancelReason reason) {
        // An open provider trade is closed first (DESIGN §13); paid there, the order is paid and the cancel below refused (40004).
        openTrades.closeBeforeCancel(orderNo, visible);
        Order[] before = new Order[1];
        Order result = transactions.inTransaction(() -> {
            Order order = orders.lock(orderNo).filter(visible)
                    .orElseThrow(() -> new NotFound("order " + orderNo));
            before[0] = order;
            if (order.status() == OrderStatus.CANCELLED) return order;
            return cancellation.cancelLocked(order, reason);
        });
        expiryJobs.drop(orderNo);
        if (before[0].status() != OrderStatus.CANCELLED) restock.returned(result.stockLines());
        return result;
    }
}
