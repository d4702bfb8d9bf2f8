package dev.ordersystem.core;

import java.time.Duration;

/**
 * The knobs of collecting payments through a provider (DESIGN §13).
 *
 * @param pollQuiet         the poll asks the provider only when nobody asked it for this long (2 s)
 * @param syncAfter         the background sync asks about an open trade that heard nothing for this long (3 min)
 * @param syncInterval      how often the background sync looks for such trades (30 s)
 * @param syncBatch         how many trades one sync run asks about at most
 * @param startingStale     a trade still {@code STARTING} after this long was abandoned (its instance died
 *                          mid-call): a new start closes it instead of waiting for it
 * @param providerCallWidth how many orders the expiry, the sweep and the sync each have in a provider
 *                          call at once (8): a call mostly waits, so one at a time caps a large expiry
 */
public record PaymentSettings(Duration pollQuiet, Duration syncAfter, Duration syncInterval, int syncBatch,
                              Duration startingStale, int providerCallWidth) {
    /** The most provider calls one duty may have open at once; more would only queue at the provider and the pool. */
    public static final int MAX_PROVIDER_CALL_WIDTH = 64;

    public PaymentSettings {
        requirePositive(pollQuiet, "pollQuiet");
        requirePositive(syncAfter, "syncAfter");
        requirePositive(syncInterval, "syncInterval");
        requirePositive(startingStale, "startingStale");
        if (syncBatch < 1) throw new IllegalArgumentException("syncBatch must be positive");
        if (providerCallWidth < 1 || providerCallWidth > MAX_PROVIDER_CALL_WIDTH) {
            throw new IllegalArgumentException("providerCallWidth must be 1.." + MAX_PROVIDER_CALL_WIDTH);
        }
    }

    public static PaymentSettings defaults() {
        return new PaymentSettings(Duration.ofSeconds(2), Duration.ofMinutes(3), Duration.ofSeconds(30), 100,
                Duration.ofMinutes(1), 8);
    }

    public PaymentSettings withSyncAfter(Duration value) {
        return new PaymentSettings(pollQuiet, value, syncInterval, syncBatch, startingStale, providerCallWidth);
    }

    public PaymentSettings withSyncInterval(Duration value) {
        return new PaymentSettings(pollQuiet, syncAfter, value, syncBatch, startingStale, providerCallWidth);
    }

    public PaymentSettings withProviderCallWidth(int value) {
        return new PaymentSettings(pollQuiet, syncAfter, syncInterval, syncBatch, startingStale, value);
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
