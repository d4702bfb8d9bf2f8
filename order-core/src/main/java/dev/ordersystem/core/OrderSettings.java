package dev.ordersystem.core;

import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The knobs of the core, with the defaults of DESIGN §4 and §6.
 *
 * @param paymentTimeout        how long a pending order waits for payment
 * @param duplicateWindow       how long the same cart from the same user counts as a duplicate
 * @param notificationLockTtl   the per-order lock while a payment notification is applied
 * @param tokenTtl              how long a login token is valid
 * @param passwordIterations    PBKDF2 iterations; high by default, lowered only in tests
 * @param nodeId                this instance's number (0..999) inside order numbers
 * @param expiryPollInterval    how often the expiry worker asks the delay queue for due jobs
 * @param expiryLease           how long a claimed expiry job stays with its consumer
 * @param retryBackoff          the first retry delay of a failed expiry job (doubles, capped at 5 min)
 * @param sweepInterval         how often the database sweep looks for overdue orders
 * @param sweepBatch            how many overdue orders one sweep transaction cancels
 * @param gateLease             how long a stock-gate hold may last before it counts as stranded (a crash)
 * @param gateCheckInterval     how often stranded stock-gate holds are settled or given back
 * @param gateRecountInterval   how often every product the stock gate counts is re-counted from the database
 * @param placementGroupSize    at most this many placements are written in one transaction (1: no groups)
 * @param placementWriters      how many group transactions run at once
 */
public record OrderSettings(
        Currency currency,
        Duration paymentTimeout,
        Duration duplicateWindow,
        Duration notificationLockTtl,
        Duration tokenTtl,
        int passwordIterations,
        int nodeId,
        Duration expiryPollInterval,
        Duration expiryLease,
        Duration retryBackoff,
        Duration sweepInterval,
        int sweepBatch,
        Duration gateLease,
        Duration gateCheckInterval,
        Duration gateRecountInterval,
        int placementGroupSize,
        int placementWriters) {

    public OrderSettings {
        Objects.requireNonNull(currency, "currency");
        if (paymentTimeout.isNegative() || paymentTimeout.isZero()) throw new IllegalArgumentException("paymentTimeout must be positive");
        if (nodeId < 0 || nodeId > 999) throw new IllegalArgumentException("nodeId must be 0..999");
        if (passwordIterations < 1_000) throw new IllegalArgumentException("passwordIterations must be at least 1000");
        if (sweepBatch < 1) throw new IllegalArgumentException("sweepBatch must be positive");
        if (gateLease.isNegative() || gateLease.isZero()) throw new IllegalArgumentException("gateLease must be positive");
        if (placementGroupSize < 1) throw new IllegalArgumentException("placementGroupSize must be positive");
        if (placementWriters < 1) throw new IllegalArgumentException("placementWriters must be positive");
    }

    public static OrderSettings defaults() {
        Copy defaults = new Copy();
        defaults.currency = Currency.getInstance("CNY");
        defaults.paymentTimeout = Duration.ofMinutes(30);
        defaults.duplicateWindow = Duration.ofSeconds(5);
        defaults.notificationLockTtl = Duration.ofSeconds(5);
        defaults.tokenTtl = Duration.ofHours(24);
        defaults.passwordIterations = 600_000;
        defaults.nodeId = 0;
        defaults.expiryPollInterval = Duration.ofMillis(250);
        defaults.expiryLease = Duration.ofSeconds(30);
        defaults.retryBackoff = Duration.ofSeconds(5);
        defaults.sweepInterval = Duration.ofSeconds(30);
        defaults.sweepBatch = 200;
        defaults.gateLease = Duration.ofSeconds(30);
        defaults.gateCheckInterval = Duration.ofSeconds(5);
        defaults.gateRecountInterval = Duration.ofMinutes(5);
        defaults.placementGroupSize = 64;
        // One writer: while its transaction runs the next group forms behind it. Two let groups of
        // ~2 commit side by side at 8 buyers, and lost to one raw-JDBC commit per order there
        // (docs/BENCHMARKS.md, "One placement writer").
        defaults.placementWriters = 1;
        return defaults.settings();
    }

    public OrderSettings withCurrency(Currency value) {
        return with(copy -> copy.currency = value);
    }

    public OrderSettings withPaymentTimeout(Duration value) {
        return with(copy -> copy.paymentTimeout = value);
    }

    public OrderSettings withDuplicateWindow(Duration value) {
        return with(copy -> copy.duplicateWindow = value);
    }

    public OrderSettings withNodeId(int value) {
        return with(copy -> copy.nodeId = value);
    }

    public OrderSettings withPasswordIterations(int value) {
        return with(copy -> copy.passwordIterations = value);
    }

    public OrderSettings withSweepInterval(Duration value) {
        return with(copy -> copy.sweepInterval = value);
    }

    public OrderSettings withSweepBatch(int value) {
        return with(copy -> copy.sweepBatch = value);
    }

    public OrderSettings withPlacementGroupSize(int value) {
        return with(copy -> copy.placementGroupSize = value);
    }

    public OrderSettings withGateLease(Duration value) {
        return with(copy -> copy.gateLease = value);
    }

    /** These settings with the one change {@code change} makes to their copy. */
    private OrderSettings with(Consumer<Copy> change) {
        Copy copy = new Copy();
        copy.currency = currency;
        copy.paymentTimeout = paymentTimeout;
        copy.duplicateWindow = duplicateWindow;
        copy.notificationLockTtl = notificationLockTtl;
        copy.tokenTtl = tokenTtl;
        copy.passwordIterations = passwordIterations;
        copy.nodeId = nodeId;
        copy.expiryPollInterval = expiryPollInterval;
        copy.expiryLease = expiryLease;
        copy.retryBackoff = retryBackoff;
        copy.sweepInterval = sweepInterval;
        copy.sweepBatch = sweepBatch;
        copy.gateLease = gateLease;
        copy.gateCheckInterval = gateCheckInterval;
        copy.gateRecountInterval = gateRecountInterval;
        copy.placementGroupSize = placementGroupSize;
        copy.placementWriters = placementWriters;
        change.accept(copy);
        return copy.settings();
    }

    /** The settings as named, changeable fields: the one place that calls the constructor in order. */
    private static final class Copy {
        Currency currency;
        Duration paymentTimeout;
        Duration duplicateWindow;
        Duration notificationLockTtl;
        Duration tokenTtl;
        int passwordIterations;
        int nodeId;
        Duration expiryPollInterval;
        Duration expiryLease;
        Duration retryBackoff;
        Duration sweepInterval;
        int sweepBatch;
        Duration gateLease;
        Duration gateCheckInterval;
        Duration gateRecountInterval;
        int placementGroupSize;
        int placementWriters;

        OrderSettings settings() {
            return new OrderSettings(currency, paymentTimeout, duplicateWindow, notificationLockTtl, tokenTtl,
                    passwordIterations, nodeId, expiryPollInterval, expiryLease, retryBackoff, sweepInterval, sweepBatch,
                    gateLease, gateCheckInterval, gateRecountInterval, placementGroupSize, placementWriters);
        }
    }
}
