package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.ShippingAddress;

/**
 * A shipping address; {@code id} and {@code isDefault} only for entries of the address book, not
 * for order snapshots. An absent optional part (province, city, district, postalCode) is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressView(Long id, String recipient, String phone, String region, String detail,
                          String province, String city, String district, String postalCode,
                          @JsonProperty("isDefault") Boolean isDefault) {
    public static AddressView of(Address address) {
        return of(address.id().value(), address.shipping(), address.isDefault());
    }

    /** The order's copy of the address it goes to. */
    static AddressView snapshot(ShippingAddress shipping) {
        return of(null, shipping, null);
    }

    private static AddressView of(Long id, ShippingAddress shipping, Boolean isDefault) {
        return new AddressView(id, shipping.recipient(), shipping.phone(), shipping.region(), shipping.detail(),
                shipping.province(), shipping.city(), shipping.district(), shipping.postalCode(), isDefault);
    }
}
