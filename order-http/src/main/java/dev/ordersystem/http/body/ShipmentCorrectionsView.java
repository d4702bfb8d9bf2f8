package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.ShipmentCorrection;

import java.util.List;

/** {@code GET /admin/orders/{orderNo}/shipment/corrections}: every correction of the order's shipment, oldest first. */
public record ShipmentCorrectionsView(List<Item> items) {

    /** One correction: what the carrier and tracking number were, what they became, when. */
    public record Item(String oldCarrier, String oldTrackingNumber, String newCarrier, String newTrackingNumber,
                       String correctedAt) {
    }

    public static ShipmentCorrectionsView of(List<ShipmentCorrection> corrections) {
        return new ShipmentCorrectionsView(corrections.stream().map(c -> new Item(c.oldCarrier(), c.oldTrackingNumber(),
                c.newCarrier(), c.newTrackingNumber(), JsonTimes.iso(c.correctedAt()))).toList());
    }
}
