package dev.ordersystem.core.domain;

/**
 * A shipping address kept in a user's address book; {@code isDefault} marks the one an order
 * without an address goes to (at most one per user, see {@link dev.ordersystem.core.port.AddressBook}).
 */
public record Address(AddressId id, UserId userId, ShippingAddress shipping, boolean isDefault) {
}
