package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;

/** An admin's correction of a shipped order's carrier or tracking number: what it was, what it is now, when. */
public record ShipmentCorrection(OrderNo orderNo, String oldCarrier, String oldTrackingNumber,
                                 String newCarrier, String newTrackingNumber, Instant correctedAt) {

    public ShipmentCorrection {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(newCarrier, "newCarrier");
        Objects.requireNonNull(newTrackingNumber, "newTrackingNumber");
        Objects.requireNonNull(correctedAt, "correctedAt");
    }
}
