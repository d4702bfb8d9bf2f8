package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The provider-side trades started for orders ({@code payment_attempt}, DESIGN §13). Joins the
 * caller's transaction. The store itself refuses a second open attempt for one order (the
 * invariant "never payable through two trades"), whatever the callers do.
 */
public interface PaymentAttempts {

    /**
     * Records a new attempt.
     *
     * @throws IllegalStateException when its out_trade_no exists, or it is open while the order has an open attempt
     */
    void add(PaymentAttempt attempt);

    Optional<PaymentAttempt> find(OutTradeNo outTradeNo);

    /** The order's attempt in {@link AttemptState#STARTING} or {@link AttemptState#OPEN}, if any. */
    Optional<PaymentAttempt> findOpen(OrderNo orderNo);

    /** The open attempts of any of {@code orderNos} (one query for a batch, e.g. the expiry sweep's). */
    List<PaymentAttempt> findOpenAmong(Collection<OrderNo> orderNos);

    /** Every attempt of the order, by attempt number. */
    List<PaymentAttempt> findByOrder(OrderNo orderNo);

    /**
     * Open attempts created before {@code createdBefore} whose provider was not asked since
     * {@code checkedBefore} (never, or earlier), least recently asked first (never asked: by creation),
     * at most {@code limit}:
     * the trades whose notification may have been lost.
     */
    List<PaymentAttempt> findUnheard(Instant createdBefore, Instant checkedBefore, int limit);

    /**
     * Writes {@code changed} over the attempt of its out_trade_no when that is still in state
     * {@code expected} (guarded update): its state, pay link, last provider answer and times.
     *
     * @throws dev.ordersystem.core.domain.NotFound when no attempt in state {@code expected} has that out_trade_no
     */
    void update(PaymentAttempt changed, AttemptState expected);
}
