package dev.ordersystem.core.usecase.order;

/** What an admin sends to ship an order or to correct its shipment, as received (checked by {@link ShipmentRules}). */
public record ShipmentDetails(String carrier, String trackingNumber) {
}
