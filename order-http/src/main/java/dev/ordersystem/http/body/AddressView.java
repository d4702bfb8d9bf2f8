package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.ShippingAddress;

/** A shipping address; {@code id} only for entries of the address book, not for order snapshots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressView(Long id, String recipient, String phone, String region, String detail) {
    public static AddressView of(Address address) {
        return of(address.id().value(), address.shipping());
    }

    static AddressView of(Long id, ShippingAddress shipping) {
        return new AddressView(id, shipping.recipient(), shipping.phone(), shipping.region(), shipping.detail());
    }
}
