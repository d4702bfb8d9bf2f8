package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/**
 * {@code POST /me/addresses}. {@code province}, {@code city}, {@code district}, {@code postalCode}
 * and {@code isDefault} are optional: clients written before them send none and keep working.
 */
public record AddressRequest(String recipient, String phone, String region, String detail,
                             String province, String city, String district, String postalCode,
                             @JsonProperty("isDefault") Boolean isDefault) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(recipient, "recipient");
        presence.require(phone, "phone");
        presence.require(region, "region");
        presence.require(detail, "detail");
    }

    public ShippingAddress toShipping() {
        return new ShippingAddress(recipient, phone, region, detail, province, city, district, postalCode);
    }

    /** Whether the client asked for this address to become the default (the first one always does). */
    public boolean asDefault() {
        return Boolean.TRUE.equals(isDefault);
    }
}
