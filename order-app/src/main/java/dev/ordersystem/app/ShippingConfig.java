package dev.ordersystem.app;

import dev.ordersystem.core.ShippingSettings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the shipping settings: {@code ORDER_CARRIERS} (optional comma-separated carrier codes;
 * unset: any carrier name) and {@code ORDER_AUTO_COMPLETE_AFTER} (ISO-8601 duration after
 * shipping at which an order completes by itself, default {@code P15D}; {@code off}: never).
 */
final class ShippingConfig {
    static final String CARRIERS = "ORDER_CARRIERS";
    static final String AUTO_COMPLETE_AFTER = "ORDER_AUTO_COMPLETE_AFTER";
    private static final Pattern CARRIER_CODE = Pattern.compile("[A-Za-z0-9_-]{1," + ShippingSettings.CARRIER_MAX + "}");

    private ShippingConfig() {
    }

    /** The settings, or defaults where a value is refused (each refusal added to {@code problems}, naming its variable). */
    static ShippingSettings from(ConfigSource source, List<String> problems) {
        ShippingSettings settings = ShippingSettings.defaults();
        Optional<String> carriers = source.get(CARRIERS);
        if (carriers.isPresent()) {
            Set<String> codes = new LinkedHashSet<>();
            for (String code : carriers.get().split(",", -1)) {
                String trimmed = code.strip();
                if (CARRIER_CODE.matcher(trimmed).matches()) codes.add(trimmed.toUpperCase(Locale.ROOT));
                else problems.add(CARRIERS + ": each code must be 1.." + ShippingSettings.CARRIER_MAX
                        + " letters, digits, '_' or '-', was '" + trimmed + "'");
            }
            settings = settings.withCarriers(codes);
        }
        String window = source.get(AUTO_COMPLETE_AFTER).orElse("P15D").strip();
        if (window.equalsIgnoreCase("off")) return settings.withAutoCompleteAfter(Optional.empty());
        try {
            Duration after = Duration.parse(window);
            if (after.isNegative() || after.isZero()) {
                problems.add(AUTO_COMPLETE_AFTER + ": must be a positive ISO-8601 duration (e.g. P15D) or off, was " + window);
                return settings;
            }
            return settings.withAutoCompleteAfter(Optional.of(after));
        } catch (DateTimeParseException e) {
            problems.add(AUTO_COMPLETE_AFTER + ": cannot read '" + window + "' (an ISO-8601 duration such as P15D, or off)");
            return settings;
        }
    }
}
