package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.UserId;

import java.time.Instant;
import java.util.List;

/**
 * The figures the invariant audit (DESIGN §7) compares, computed by the store (aggregates in
 * SQL). The audit itself, which decides what is a violation, lives in the core.
 */
public interface AuditSource {

    /**
     * Per product: Σ recorded movements, available now, Σ quantity of items of orders that hold stock
     * less the units their refunds returned to stock.
     */
    List<StockFigures> stockFigures();

    /** Per user: balance now, Σ journal deltas. */
    List<BalanceFigures> balanceFigures();

    /** Per order in PAID, SHIPPED or COMPLETED: what paid for it. */
    List<PaidOrderFigures> paidOrderFigures();

    /** SUCCEEDED or MISMATCH payment records whose order does not exist. */
    List<PaymentRecord> paymentsWithoutOrder();

    /** Pending orders whose {@code expires_at} is before {@code cutoff}. */
    List<OrderNo> pendingExpiredBefore(Instant cutoff);

    /** {@code SHIPPED} orders shipped before {@code cutoff} (automatic completion should have completed them). */
    List<OrderNo> shippedBefore(Instant cutoff);

    /** (user, idempotency key) pairs held by more than one order. */
    List<String> idempotencyKeysUsedTwice();

    /** Users with addresses whose book has no default address or more than one. */
    List<UserId> addressBooksWithoutOneDefault();

    /**
     * Per order: its status and the order events of its outbox trail ({@code order.*}, in the order
     * they were written), for the check that every committed change has exactly one event. Orders
     * created before the outbox existed, which have no trail, are left out.
     */
    List<EventTrail> eventTrails();

    /** Per order with order refunds (not FAILED): what it paid and Σ those refunds (DESIGN §14: never more than paid). */
    List<RefundTotal> orderRefundTotals();

    /** The out_refund_no of every refund PENDING since before {@code cutoff}. */
    List<String> refundsPendingBefore(Instant cutoff);

    record RefundTotal(OrderNo orderNo, long paid, long refunded) {
    }

    record EventTrail(OrderNo orderNo, OrderStatus status, List<EventType> events) {
        public EventTrail {
            events = List.copyOf(events);
        }
    }

    record StockFigures(ProductId productId, long recorded, long available, long heldByOrders) {
    }

    record BalanceFigures(UserId userId, long balance, long journalTotal) {
    }

    /**
     * @param succeededPayments number of SUCCEEDED payment records for the order
     * @param succeededTotal    Σ their amounts (minor units)
     * @param balanceDebited    minus Σ ORDER_PAYMENT journal deltas for the order (minor units)
     */
    record PaidOrderFigures(OrderNo orderNo, OrderStatus status, PaymentMethod method, Money payAmount,
                            long succeededPayments, long succeededTotal, long balanceDebited) {
    }
}
