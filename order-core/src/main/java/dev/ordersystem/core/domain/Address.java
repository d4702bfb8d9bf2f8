package dev.ordersystem.core.domain;

/** A shipping address kept in a user's address book. */
public record Address(AddressId id, UserId userId, ShippingAddress shipping) {
}
