package dev.ordersystem.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The knobs of shipping and completion.
 *
 * @param carriers             the carrier codes the shop ships with (upper case); empty: any carrier name is accepted
 * @param autoCompleteAfter    how long after shipping a {@code SHIPPED} order completes by itself; empty: never
 * @param autoCompleteInterval how often the automatic completion looks for such orders
 * @param autoCompleteBatch    how many orders one completion transaction takes
 */
public record ShippingSettings(Set<String> carriers, Optional<Duration> autoCompleteAfter,
                               Duration autoCompleteInterval, int autoCompleteBatch) {
    /** The longest carrier name or code kept. */
    public static final int CARRIER_MAX = 32;
    /** The longest tracking number kept. */
    public static final int TRACKING_NUMBER_MAX = 64;

    public ShippingSettings {
        TreeSet<String> codes = new TreeSet<>();
        for (String code : carriers) codes.add(code.trim().toUpperCase(Locale.ROOT));
        if (codes.stream().anyMatch(code -> code.isEmpty() || code.length() > CARRIER_MAX)) {
            throw new IllegalArgumentException("carrier codes must be 1.." + CARRIER_MAX + " characters");
        }
        carriers = Set.copyOf(codes);
        Objects.requireNonNull(autoCompleteAfter, "autoCompleteAfter");
        autoCompleteAfter.ifPresent(window -> {
            if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("autoCompleteAfter must be positive");
        });
        if (autoCompleteInterval.isNegative() || autoCompleteInterval.isZero()) {
            throw new IllegalArgumentException("autoCompleteInterval must be positive");
        }
        if (autoCompleteBatch < 1) throw new IllegalArgumentException("autoCompleteBatch must be positive");
    }

    /** Any carrier, completion 15 days after shipping (as the market's shops do), looked for every minute. */
    public static ShippingSettings defaults() {
        return new ShippingSettings(Set.of(), Optional.of(Duration.ofDays(15)), Duration.ofMinutes(1), 200);
    }

    public ShippingSettings withCarriers(Set<String> value) {
        return new ShippingSettings(value, autoCompleteAfter, autoCompleteInterval, autoCompleteBatch);
    }

    public ShippingSettings withAutoCompleteAfter(Optional<Duration> value) {
        return new ShippingSettings(carriers, value, autoCompleteInterval, autoCompleteBatch);
    }

    public ShippingSettings withAutoCompleteInterval(Duration value) {
        return new ShippingSettings(carriers, autoCompleteAfter, value, autoCompleteBatch);
    }

    public ShippingSettings withAutoCompleteBatch(int value) {
        return new ShippingSettings(carriers, autoCompleteAfter, autoCompleteInterval, value);
    }
}
