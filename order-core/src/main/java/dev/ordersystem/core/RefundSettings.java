package dev.ordersystem.core;

import java.time.Duration;

/**
 * The knobs of refunds (DESIGN §14).
 *
 * @param latePayments whether the refund job sends late payments back by itself
 * @param jobInterval  how often the refund job looks for due refunds
 * @param batch        how many refunds one run claims at most
 * @param firstRetry   the wait before a refund's second provider call or query; doubled per try
 * @param maxRetry     the longest wait between two tries
 * @param lease        how long a claimed refund is left to the instance that claimed it
 * @param retryWindow  a refund still PENDING this long after it was recorded is flagged (log alert, metric, §7 audit)
 */
public record RefundSettings(LatePaymentRefund latePayments, Duration jobInterval, int batch, Duration firstRetry,
                             Duration maxRetry, Duration lease, Duration retryWindow) {
    public RefundSettings {
        if (latePayments == null) throw new IllegalArgumentException("latePayments is required");
        requirePositive(jobInterval, "jobInterval");
        requirePositive(firstRetry, "firstRetry");
        requirePositive(maxRetry, "maxRetry");
        requirePositive(lease, "lease");
        requirePositive(retryWindow, "retryWindow");
        if (batch < 1) throw new IllegalArgumentException("batch must be positive");
        if (maxRetry.compareTo(firstRetry) < 0) throw new IllegalArgumentException("maxRetry must not be below firstRetry");
    }

    public static RefundSettings defaults() {
        return new RefundSettings(LatePaymentRefund.AUTO, Duration.ofSeconds(5), 20, Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1));
    }

    public RefundSettings withLatePayments(LatePaymentRefund value) {
        return new RefundSettings(value, jobInterval, batch, firstRetry, maxRetry, lease, retryWindow);
    }

    public RefundSettings withJobInterval(Duration value) {
        return new RefundSettings(latePayments, value, batch, firstRetry, maxRetry, lease, retryWindow);
    }

    public RefundSettings withFirstRetry(Duration value) {
        return new RefundSettings(latePayments, jobInterval, batch, value, maxRetry.compareTo(value) < 0 ? value : maxRetry,
                lease, retryWindow);
    }

    /** The wait after try number {@code tries} (1..): {@code firstRetry × 2^(tries-1)}, at most {@code maxRetry}. */
    public Duration backoff(int tries) {
        int doublings = Math.max(0, Math.min(tries - 1, 20));
        Duration wait = firstRetry.multipliedBy(1L << doublings);
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
