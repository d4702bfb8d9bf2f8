package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.domain.RefundState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The refunds of DESIGN §14 ({@code refund}), one row per out_refund_no. Joins the caller's
 * transaction. The store refuses a second refund under one number and a second late-payment
 * refund of one payment, whatever the callers do. Reconciliation reads refunds through
 * {@link #findSettledBetween}.
 */
public interface Refunds {

    /**
     * Records a new refund.
     *
     * @throws IllegalStateException when its out_refund_no exists, or it is a late-payment refund of a payment refunded before
     */
    void add(Refund refund);

    Optional<Refund> find(RefundNo refundNo);

    /** Every refund of the order (both purposes), by sequence. */
    List<Refund> findByOrder(OrderNo orderNo);

    /**
     * Claims up to {@code limit} PENDING refunds due at {@code now} (earliest first) and moves their
     * next try to {@code leaseUntil}, in one short transaction ({@code FOR UPDATE SKIP LOCKED}), so
     * refund jobs on several instances never take the same refund at once.
     */
    List<Refund> claimDue(Instant now, int limit, Instant leaseUntil);

    /** PENDING refunds created before {@code cutoff}, oldest first, at most {@code limit}. */
    List<Refund> findPendingCreatedBefore(Instant cutoff, int limit);

    /** How many refunds are PENDING now (a metric). */
    long countPending();

    /** Refunds that settled in [{@code from}, {@code to}), by end time: what reconciliation compares with a provider bill. */
    List<Refund> findSettledBetween(Instant from, Instant to);

    /**
     * REFUND_REQUIRED payment records that no refund (of either purpose) names yet, oldest first, at most {@code limit}:
     * the late payments the refund job sends back when {@code ORDER_LATE_PAYMENT_REFUND=auto}.
     */
    List<PaymentRecord> latePaymentsWithoutRefund(int limit);

    /** The late-payment refund of a payment record, if one was made. */
    Optional<Refund> findForPayment(PaymentRecord payment);

    /**
     * Writes {@code changed} over the refund of its number when that is still in state {@code expected}.
     *
     * @throws dev.ordersystem.core.domain.NotFound when no refund in state {@code expected} has that number
     */
    void update(Refund changed, RefundState expected);
}
