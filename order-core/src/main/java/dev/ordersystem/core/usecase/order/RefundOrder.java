package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.BalanceLedger;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.List;

/**
 * DESIGN §4.7: an admin refunds a paid, unshipped order — stock back, balance-paid amounts
 * credited back (journalled once per order), external payments flagged REFUND_REQUIRED so the
 * money is sent back through the channel and the refund marked done there.
 */
public final class RefundOrder {
    private final LockedTransition transition;
    private final StockLedger stock;
    private final BalanceLedger balances;
    private final PaymentRecords payments;
    private final Outbox outbox;
    private final Restock restock;
    private final Clock clock;

    public RefundOrder(Transactions transactions, OrderRepository orders, StockLedger stock, BalanceLedger balances,
                       PaymentRecords payments, Outbox outbox, Restock restock, Clock clock) {
        this.transition = new LockedTransition(transactions, orders, outbox, clock);
        this.outbox = outbox;
        this.stock = stock;
        this.balances = balances;
        this.payments = payments;
        this.restock = restock;
        this.clock = clock;
    }

    public Order refund(OrderNo orderNo) {
        Order result = transition.apply(orderNo, order -> {
            Order refunded = order.refund(clock.instant());
            stock.release(order.stockLines());
            if (order.paymentMethod() == PaymentMethod.BALANCE) {
                balances.credit(order.userId(), order.payAmount(), BalanceReason.ORDER_REFUND, orderNo.value());
            } else {
                for (PaymentRecord record : payments.findByOrder(orderNo)) {
                    if (record.status() == PaymentStatus.SUCCEEDED) {
                        PaymentRecord flagged = record.withStatus(PaymentStatus.REFUND_REQUIRED);
                        payments.update(flagged, PaymentStatus.SUCCEEDED);
                        outbox.append(List.of(OrderEvent.of(EventType.PAYMENT_REFUND_REQUIRED, flagged, refunded.refundedAt())));
                    }
                }
            }
            return refunded;
        });
        restock.returned(result.stockLines());
        return result;
    }
}
