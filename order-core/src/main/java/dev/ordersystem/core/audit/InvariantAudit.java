package dev.ordersystem.core.audit;

import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AuditSource;
import dev.ordersystem.core.port.AuditSource.BalanceFigures;
import dev.ordersystem.core.port.AuditSource.EventTrail;
import dev.ordersystem.core.port.AuditSource.PaidOrderFigures;
import dev.ordersystem.core.port.AuditSource.StockFigures;

import dev.ordersystem.core.domain.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The invariant checker of DESIGN §7, run by the audit endpoint and after every load or fault
 * test. The store computes the figures; this class decides what breaks a rule.
 */
public final class InvariantAudit {
    /** The refund window when none is given: RefundSettings' default retry window. */
    public static final Duration DEFAULT_REFUND_WINDOW = Duration.ofHours(1);
    private final AuditSource source;
    private final Duration sweepGrace;
    private final Optional<Duration> shippedGrace;
    private final Duration refundWindow;
    private final Clock clock;

    /** @param sweepGrace how long past its deadline a pending order may live (the sweep interval plus slack) */
    public InvariantAudit(AuditSource source, Duration sweepGrace, Clock clock) {
        this(source, sweepGrace, Optional.empty(), clock);
    }

    /**
     * @param shippedGrace how long a {@code SHIPPED} order may stay so (the automatic-completion window plus one
     *                     run interval); empty when automatic completion is off
     */
    public InvariantAudit(AuditSource source, Duration sweepGrace, Optional<Duration> shippedGrace, Clock clock) {
        this(source, sweepGrace, shippedGrace, DEFAULT_REFUND_WINDOW, clock);
    }

    /** @param refundWindow how long a refund may stay PENDING (the refund job's retry window) before it is a violation */
    public InvariantAudit(AuditSource source, Duration sweepGrace, Optional<Duration> shippedGrace, Duration refundWindow,
                          Clock clock) {
        this.source = source;
        this.sweepGrace = sweepGrace;
        this.shippedGrace = shippedGrace;
        this.refundWindow = refundWindow;
        this.clock = clock;
    }

    public AuditReport run() {
        Instant now = clock.instant();
        List<Violation> found = new ArrayList<>();
        for (StockFigures s : source.stockFigures()) checkStock(s, found);
        for (BalanceFigures b : source.balanceFigures()) checkBalance(b, found);
        for (PaidOrderFigures p : source.paidOrderFigures()) checkPaid(p, found);
        for (PaymentRecord r : source.paymentsWithoutOrder()) {
            found.add(new Violation("payment-has-order", r.channel() + "/" + r.tradeNo(),
                    r.status() + " payment for missing order " + r.orderNo()));
        }
        for (OrderNo stuck : source.pendingExpiredBefore(now.minus(sweepGrace))) {
            found.add(new Violation("no-stuck-pending", stuck.value(), "pending past its deadline + " + sweepGrace));
        }
        if (shippedGrace.isPresent()) {
            for (OrderNo stuck : source.shippedBefore(now.minus(shippedGrace.get()))) {
                found.add(new Violation("no-stuck-shipped", stuck.value(), "shipped longer ago than " + shippedGrace.get()));
            }
        }
        for (String key : source.idempotencyKeysUsedTwice()) {
            found.add(new Violation("one-order-per-key", key, "idempotency key held by several orders"));
        }
        for (UserId user : source.addressBooksWithoutOneDefault()) {
            found.add(new Violation("one-default-address", "user " + user, "address book without exactly one default"));
        }
        for (EventTrail trail : source.eventTrails()) checkTrail(trail, found);
        for (AuditSource.RefundTotal total : source.orderRefundTotals()) {
            if (total.refunded() > total.paid()) {
                found.add(new Violation("refunds-within-paid", "order " + total.orderNo(), "refunds total " + total.refunded()
                        + " > paid " + total.paid()));
            }
        }
        for (String refundNo : source.refundsPendingBefore(now.minus(refundWindow))) {
            found.add(new Violation("no-stuck-refund", refundNo, "refund PENDING longer than " + refundWindow));
        }
        return new AuditReport(now, found);
    }

    /**
     * DESIGN §15: one event per committed change of the order, in the order they happened, none extra.
     * A partial refund (§14) writes {@code order.refunded} without changing the status: those are
     * left out of the comparison, and a REFUNDED order's trail ends with its {@code order.refunded}.
     */
    private static void checkTrail(EventTrail trail, List<Violation> found) {
        List<EventType> events = trail.events();
        boolean endsRefunded = !events.isEmpty() && events.getLast() == EventType.ORDER_REFUNDED;
        List<EventType> changes = new ArrayList<>(events.stream().filter(e -> e != EventType.ORDER_REFUNDED).toList());
        if (trail.status() == OrderStatus.REFUNDED && endsRefunded) changes.add(EventType.ORDER_REFUNDED);
        List<EventType> expected = switch (trail.status()) {
            case PENDING_PAYMENT -> List.of(EventType.ORDER_PLACED);
            case PAID -> List.of(EventType.ORDER_PLACED, EventType.ORDER_PAID);
            case SHIPPED -> List.of(EventType.ORDER_PLACED, EventType.ORDER_PAID, EventType.ORDER_SHIPPED);
            case COMPLETED -> List.of(EventType.ORDER_PLACED, EventType.ORDER_PAID, EventType.ORDER_SHIPPED,
                    EventType.ORDER_COMPLETED);
            case CANCELLED -> List.of(EventType.ORDER_PLACED, EventType.ORDER_CANCELLED);
            case REFUNDED -> List.of(EventType.ORDER_PLACED, EventType.ORDER_PAID, EventType.ORDER_REFUNDED);
        };
        if (!changes.equals(expected)) {
            found.add(new Violation("one-event-per-change", trail.orderNo().value(), trail.status() + " order has events "
                    + trail.events().stream().map(EventType::wireName).toList() + ", expected "
                    + expected.stream().map(EventType::wireName).toList()));
        }
    }

    private static void checkStock(StockFigures s, List<Violation> found) {
        if (s.available() < 0) {
            found.add(new Violation("stock-non-negative", "product " + s.productId(), "available " + s.available()));
        }
        if (s.recorded() != s.available() + s.heldByOrders()) {
            found.add(new Violation("stock-conserved", "product " + s.productId(), "recorded " + s.recorded()
                    + " != available " + s.available() + " + held by orders " + s.heldByOrders()));
        }
    }

    private static void checkBalance(BalanceFigures b, List<Violation> found) {
        if (b.balance() < 0) {
            found.add(new Violation("balance-non-negative", "user " + b.userId(), "balance " + b.balance()));
        }
        if (b.balance() != b.journalTotal()) {
            found.add(new Violation("balance-journalled", "user " + b.userId(),
                    "balance " + b.balance() + " != journal total " + b.journalTotal()));
        }
    }

    private static void checkPaid(PaidOrderFigures p, List<Violation> found) {
        long amount = p.payAmount().minor();
        if (p.method() == PaymentMethod.BALANCE) {
            if (p.balanceDebited() != amount || p.succeededPayments() != 0) {
                found.add(new Violation("paid-once", "order " + p.orderNo(), p.status() + " by balance: debited "
                        + p.balanceDebited() + ", pay amount " + amount + ", channel payments " + p.succeededPayments()));
            }
        } else if (p.succeededPayments() != 1 || p.succeededTotal() != amount || p.balanceDebited() != 0) {
            found.add(new Violation("paid-once", "order " + p.orderNo(), p.status() + " by " + p.method() + ": "
                    + p.succeededPayments() + " successful payments totalling " + p.succeededTotal()
                    + ", pay amount " + amount + ", balance debited " + p.balanceDebited()));
        }
    }
}
