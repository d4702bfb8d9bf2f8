package dev.ordersystem.core.domain;

import java.util.Objects;

/** Where an order goes; copied onto the order at placement so later edits do not change it. */
public record ShippingAddress(String recipient, String phone, String region, String detail) {
    public ShippingAddress {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(detail, "detail");
    }
}
