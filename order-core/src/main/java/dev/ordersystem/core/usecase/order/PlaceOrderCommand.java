package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.UserId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to place an order. Prices are not part of it: they come from the catalogue.
 *
 * @param addressId      one of the user's addresses; {@code null}: the user's default address
 * @param idempotencyKey the client's {@code Idempotency-Key}, if it sent one
 */
public record PlaceOrderCommand(UserId userId, List<OrderLine> items, Long addressId, PaymentMethod paymentMethod,
                                Optional<String> idempotencyKey) {
    public PlaceOrderCommand {
        Objects.requireNonNull(userId, "userId");
        items = items == null ? List.of() : List.copyOf(items);
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
    }
}
