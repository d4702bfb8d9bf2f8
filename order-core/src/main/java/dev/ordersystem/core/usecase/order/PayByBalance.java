package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;

/**
 * DESIGN §4.4: pays the user's pending order from their balance — order row locked, balance row
 * locked by the conditional debit, journal entry, guarded move to PAID, one transaction.
 * Paying an order already paid by balance answers the paid order (a retried request).
 */
public final class PayByBalance {
    private final Storage storage;
    private final ExpiryJobs expiryJobs;
    private final Clock clock;

    public PayByBalance(Storage storage, ExpiryJobs expiryJobs, Clock clock) {
        this.storage = storage;
        this.expiryJobs = expiryJobs;
        this.clock = clock;
    }

    public Order pay(UserId userId, OrderNo orderNo) {
        Order paid = storage.transactions().inTransaction(() -> {
            Order order = storage.orders().lock(orderNo).filter(o -> o.belongsTo(userId))
                    .orElseThrow(() -> new NotFound("order " + orderNo));
            if (order.status().isPaid() && order.paymentMethod() == PaymentMethod.BALANCE) return order;
            Order paidOrder = order.pay(PaymentMethod.BALANCE, clock.instant());
            storage.balances().debit(userId, order.payAmount(), BalanceReason.ORDER_PAYMENT, orderNo.value());
            storage.orders().update(paidOrder, OrderStatus.PENDING_PAYMENT);
            return paidOrder;
        });
        expiryJobs.drop(orderNo);
        return paid;
    }
}
