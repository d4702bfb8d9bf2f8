package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * How a shipped order travels: the carrier, its tracking number and when the order was shipped.
 * Orders shipped before tracking was recorded carry only {@code shippedAt} (carrier and tracking
 * number {@code null}).
 */
public record Shipment(String carrier, String trackingNumber, Instant shippedAt) {

    public Shipment {
        Objects.requireNonNull(shippedAt, "shippedAt");
        if ((carrier == null) != (trackingNumber == null)) {
            throw new IllegalArgumentException("carrier and tracking number come together");
        }
    }

    /** The same shipment under another carrier and tracking number (a correction); {@code shippedAt} stays. */
    public Shipment correctedTo(String newCarrier, String newTrackingNumber) {
        return new Shipment(Objects.requireNonNull(newCarrier), Objects.requireNonNull(newTrackingNumber), shippedAt);
    }
}
