package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;

import java.util.List;
import java.util.Optional;

/** Payments reported by the channels. Joins the caller's transaction. */
public interface PaymentRecords {

    /** @throws dev.ordersystem.core.domain.DuplicatePaymentRecord when (channel, tradeNo) exists */
    void add(PaymentRecord record);

    Optional<PaymentRecord> find(PaymentChannel channel, String tradeNo);

    List<PaymentRecord> findByOrder(OrderNo orderNo);

    /** How many records are in {@code status} now. */
    long countInStatus(PaymentStatus status);

    /** Records in one status, oldest first; the page key is opaque to callers. */
    Page<PaymentRecord> findByStatus(PaymentStatus status, PageRequest page);

    /**
     * Moves a record from {@code expected} to {@code changed.status()} (guarded update).
     *
     * @throws dev.ordersystem.core.domain.NotFound when no record in status {@code expected} matches
     */
    void update(PaymentRecord changed, PaymentStatus expected);
}
