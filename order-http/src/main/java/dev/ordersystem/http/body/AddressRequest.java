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

    /**
     * The address to add; also of a refused body, for the address rules' checks of its other
     * fields: a required part left out (refused already) reaches them empty, which they refuse
     * too, and the answer names it once.
     */
    public ShippingAddress toShipping() {
        return new ShippingAddress(orEmpty(recipient), orEmpty(phone), orEmpty(region), orEmpty(detail),
                province, city, district, postalCode);
    }

    private static String orEmpty(String part) {
        return part == null ? "" : part;
    }

    /** Whether the client asked for this address to become the default (the first one always does). */
    public boolean asDefault() {
        return Boolean.TRUE.equals(isDefault);
    }
}
