package dev.ordersystem.core;

import java.time.Duration;

/**
 * The knobs of collecting payments through a provider (DESIGN §13).
 *
 * @param pollQuiet     the poll asks the provider only when nobody asked it for this long (2 s)
 * @param syncAfter     the background sync asks about an open trade that heard nothing for this long
 * @param syncInterval  how often the background sync looks for such trades
 * @param syncBatch     how many trades one sync run asks about at most
 * @param startingStale a trade still {@code STARTING} after this long was abandoned (its instance died
 *                      mid-call): a new start closes it instead of waiting for it
 */
public record PaymentSettings(Duration pollQuiet, Duration syncAfter, Duration syncInterval, int syncBatch,
                              Duration startingStale) {
    public PaymentSettings {
        requirePositive(pollQuiet, "pollQuiet");
        requirePositive(syncAfter, "syncAfter");
        requirePositive(syncInterval, "syncInterval");
        requirePositive(startingStale, "startingStale");
        if (syncBatch < 1) throw new IllegalArgumentException("syncBatch must be positive");
    }

    public static PaymentSettings defaults() {
        return new PaymentSettings(Duration.ofSeconds(2), Duration.ofMinutes(3), Duration.ofSeconds(30), 100,
                Duration.ofMinutes(1));
    }

    public PaymentSettings withSyncAfter(Duration value) {
        return new PaymentSettings(pollQuiet, value, syncInterval, syncBatch, startingStale);
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
