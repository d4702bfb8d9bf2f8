package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.ShippingSettings;
import dev.ordersystem.core.usecase.InputErrors;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalises a carrier and tracking number: both required and trimmed; the carrier
 * one of the shop's codes when it lists some (matched ignoring case, kept upper case), else a
 * name of up to {@value ShippingSettings#CARRIER_MAX} characters; the tracking number letters,
 * digits and dashes, up to {@value ShippingSettings#TRACKING_NUMBER_MAX}.
 */
final class ShipmentRules {
    private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Za-z0-9-]+");

    private final ShippingSettings settings;

    ShipmentRules(ShippingSettings settings) {
        this.settings = settings;
    }

    /** @throws dev.ordersystem.core.domain.ValidationFailed naming every refused field */
    ShipmentDetails check(ShipmentDetails details) {
        InputErrors errors = new InputErrors();
        String carrier = trimmed(details.carrier());
        String tracking = trimmed(details.trackingNumber());
        if (errors.requireText(carrier, "carrier", ShippingSettings.CARRIER_MAX) && !settings.carriers().isEmpty()) {
            carrier = carrier.toUpperCase(Locale.ROOT);
            errors.require(settings.carriers().contains(carrier), "carrier", FieldFault.ONE_OF, String.join(", ", settings.carriers()));
        }
        if (errors.requireText(tracking, "trackingNumber", ShippingSettings.TRACKING_NUMBER_MAX)) {
            errors.require(TRACKING_NUMBER.matcher(tracking).matches(), "trackingNumber", FieldFault.TRACKING_NUMBER);
        }
        errors.throwIfAny();
        return new ShipmentDetails(carrier, tracking);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }
}
