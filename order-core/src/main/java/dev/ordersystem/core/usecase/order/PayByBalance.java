package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.BalanceLedger;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.List;

/**
 * DESIGN §4.4: pays the user's pending order from their balance — order row locked, balance row
 * locked by the conditional debit, journal entry, guarded move to PAID, one transaction.
 * Paying an order already paid by balance answers the paid order (a retried request).
 */
public final class PayByBalance {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final BalanceLedger balances;
    private final Outbox outbox;
    private final ExpiryJobs expiryJobs;
    private final Clock clock;

    public PayByBalance(Transactions transactions, OrderRepository orders, BalanceLedger balances, Outbox outbox,
                        ExpiryJobs expiryJobs, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.balances = balances;
        this.outbox = outbox;
        this.expiryJobs = expiryJobs;
        this.clock = clock;
    }

    public Order pay(UserId userId, OrderNo orderNo) {
        Order paid = transactions.inTransaction(() -> {
            Order order = orders.lock(orderNo).filter(o -> o.belongsTo(userId))
                    .orElseThrow(() -> new NotFound("order " + orderNo));
            if (order.status().isPaid() && order.paymentMethod() == PaymentMethod.BALANCE) return order;
            Order paidOrder = order.pay(PaymentMethod.BALANCE, clock.instant());
            balances.debit(userId, order.payAmount(), BalanceReason.ORDER_PAYMENT, orderNo.value());
            orders.update(paidOrder, OrderStatus.PENDING_PAYMENT);
            outbox.append(List.of(OrderEvent.reached(paidOrder, paidOrder.paidAt())));
            return paidOrder;
        });
        expiryJobs.drop(orderNo);
        return paid;
    }
}
