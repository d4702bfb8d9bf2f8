package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.domain.DuplicatePaymentRecord;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.order.ExpiryJobs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * DESIGN §4.3: applies a verified payment notification. A short per-order lock keeps parallel
 * deliveries off the database; then one transaction locks the order, records the payment (unique
 * on channel + trade number — the real guarantee) and decides. Money is never silently dropped:
 * every notification leaves a record.
 */
public final class ApplyPaymentNotification {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final PaymentRecords payments;
    private final PaymentAttempts attempts;
    private final Outbox outbox;
    private final IdempotencyGuard guard;
    private final ExpiryJobs expiryJobs;
    private final OrderSettings settings;
    private final Clock clock;

    public ApplyPaymentNotification(Transactions transactions, OrderRepository orders, PaymentRecords payments,
                                    PaymentAttempts attempts, Outbox outbox, IdempotencyGuard guard, ExpiryJobs expiryJobs,
                                    OrderSettings settings, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.payments = payments;
        this.attempts = attempts;
        this.outbox = outbox;
        this.guard = guard;
        this.expiryJobs = expiryJobs;
        this.settings = settings;
        this.clock = clock;
    }

    public PaymentOutcome apply(VerifiedPayment payment) {
        Optional<Lease> lease = guard.tryAcquire("pay-notify:" + payment.orderNo().value(), settings.notificationLockTtl());
        if (lease.isEmpty()) return PaymentOutcome.BUSY;
        try {
            PaymentOutcome outcome = transactions.inTransaction(() -> applyInTransaction(payment));
            if (outcome == PaymentOutcome.PAID) expiryJobs.drop(payment.orderNo());
            return outcome;
        } catch (DuplicatePaymentRecord raced) {
            return PaymentOutcome.DUPLICATE; // a parallel delivery recorded it first
        } finally {
            guard.release(lease.get());
        }
    }

    private PaymentOutcome applyInTransaction(VerifiedPayment payment) {
        Optional<Order> found = orders.lock(payment.orderNo());
        if (payments.find(payment.channel(), payment.tradeNo()).isPresent()) return PaymentOutcome.DUPLICATE;
        if (found.isEmpty()) return record(payment, PaymentStatus.UNMATCHED, PaymentOutcome.UNMATCHED);
        Order order = found.get();
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            PaymentRecord late = record(payment, PaymentStatus.REFUND_REQUIRED);
            outbox.append(List.of(OrderEvent.of(EventType.PAYMENT_REFUND_REQUIRED, late, late.recordedAt())));
            return PaymentOutcome.REFUND_REQUIRED;
        }
        if (!order.payAmount().equals(payment.amount())) {
            PaymentRecord mismatch = record(payment, PaymentStatus.MISMATCH);
            outbox.append(List.of(OrderEvent.of(EventType.PAYMENT_MISMATCH, mismatch, mismatch.recordedAt())));
            return PaymentOutcome.AMOUNT_MISMATCH;
        }
        Order paid = order.pay(payment.channel().method(), payment.paidAt());
        orders.update(paid, OrderStatus.PENDING_PAYMENT);
        // The order's open provider trade ends with it (DESIGN §13): paid, no longer the order's open slot.
        attempts.findOpen(order.orderNo()).ifPresent(open -> attempts.update(open.paid(clock.instant()), open.state()));
        PaymentRecord succeeded = record(payment, PaymentStatus.SUCCEEDED);
        outbox.append(List.of(OrderEvent.reached(paid, succeeded.recordedAt())));
        return PaymentOutcome.PAID;
    }

    /** Records the payment in {@code status}; an unknown order's payment has no event (there is no order to tell of). */
    private PaymentOutcome record(VerifiedPayment payment, PaymentStatus status, PaymentOutcome outcome) {
        record(payment, status);
        return outcome;
    }

    private PaymentRecord record(VerifiedPayment payment, PaymentStatus status) {
        PaymentRecord record = new PaymentRecord(payment.channel(), payment.tradeNo(), payment.orderNo(), payment.amount(),
                payment.paidAt(), status, payment.rawNotification(), clock.instant());
        payments.add(record);
        return record;
    }
}
