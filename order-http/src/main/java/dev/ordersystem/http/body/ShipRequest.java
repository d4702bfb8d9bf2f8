package dev.ordersystem.http.body;

import dev.ordersystem.core.usecase.order.ShipmentDetails;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /admin/orders/{orderNo}/ship} and {@code PUT /admin/orders/{orderNo}/shipment}: both fields required. */
public record ShipRequest(String carrier, String trackingNumber) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(carrier, "carrier");
        presence.require(trackingNumber, "trackingNumber");
    }

    public ShipmentDetails toDetails() {
        return new ShipmentDetails(carrier, trackingNumber);
    }
}
