package dev.ordersystem.app;

import dev.ordersystem.core.PaymentSettings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the timing of the provider calls DESIGN §13 makes in the background:
 * {@code ORDER_PAYMENT_SYNC_AFTER} (an open trade that heard nothing for this long is asked about,
 * default PT3M), {@code ORDER_PAYMENT_SYNC_INTERVAL} (how often the sync looks for such trades,
 * default PT30S) and {@code ORDER_PROVIDER_CALLS} (how many orders the expiry, the sweep and the
 * sync each have in a provider call at once, 1..64, default 8).
 */
final class PaymentSyncConfig {
    static final String SYNC_AFTER = "ORDER_PAYMENT_SYNC_AFTER";
    static final String SYNC_INTERVAL = "ORDER_PAYMENT_SYNC_INTERVAL";
    static final String PROVIDER_CALLS = "ORDER_PROVIDER_CALLS";
    /** Below this the sync would ask about trades the buyer is still paying, and the poll (every 2 s) covers that time. */
    private static final Duration MIN_SYNC_AFTER = Duration.ofSeconds(10);

    private PaymentSyncConfig() {
    }

    /** The settings, or the defaults where a value is refused (each refusal added to {@code problems}, naming its variable). */
    static PaymentSettings from(ConfigSource source, List<String> problems) {
        PaymentSettings defaults = PaymentSettings.defaults();
        Duration after = source.positiveDuration(SYNC_AFTER, defaults.syncAfter(), problems);
        if (after.compareTo(MIN_SYNC_AFTER) < 0) {
            problems.add(SYNC_AFTER + ": at least " + MIN_SYNC_AFTER + " (a trade younger than that is still being paid), was " + after);
            after = defaults.syncAfter();
        }
        Duration interval = source.positiveDuration(SYNC_INTERVAL, defaults.syncInterval(), problems);
        int calls = defaults.providerCallWidth();
        Optional<String> text = source.get(PROVIDER_CALLS).map(String::strip);
        if (text.isPresent()) {
            try {
                calls = Integer.parseInt(text.get());
            } catch (NumberFormatException e) {
                calls = 0;
            }
            if (calls < 1 || calls > PaymentSettings.MAX_PROVIDER_CALL_WIDTH) {
                problems.add(PROVIDER_CALLS + ": must be a whole number 1.." + PaymentSettings.MAX_PROVIDER_CALL_WIDTH
                        + ", was " + text.get());
                calls = defaults.providerCallWidth();
            }
        }
        return defaults.withSyncAfter(after).withSyncInterval(interval).withProviderCallWidth(calls);
    }
}
