package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /me/addresses}. */
public record AddressRequest(String recipient, String phone, String region, String detail) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(recipient, "recipient");
        presence.require(phone, "phone");
        presence.require(region, "region");
        presence.require(detail, "detail");
    }

    public ShippingAddress toShipping() {
        return new ShippingAddress(recipient, phone, region, detail);
    }
}
