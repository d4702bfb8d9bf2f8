package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.Shipment;

/** How a shipped order travels; carrier and tracking number are null for orders shipped before they were recorded. */
public record ShipmentView(String carrier, String trackingNumber, String shippedAt) {
    static ShipmentView of(Shipment shipment) {
        return shipment == null ? null
                : new ShipmentView(shipment.carrier(), shipment.trackingNumber(), JsonTimes.iso(shipment.shippedAt()));
    }
}
