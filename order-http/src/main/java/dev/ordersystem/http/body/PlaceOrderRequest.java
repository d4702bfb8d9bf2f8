package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.usecase.order.OrderLine;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /orders}. Prices are not read: they come from the catalogue (DESIGN §3). Without
 * {@code addressId} the order goes to the user's default address. The payment method is read as
 * text: one the API does not know reaches the cart's checks as none, so the answer lists it with
 * every other fault of the cart (an empty cart, a bad quantity) instead of alone.
 */
public record PlaceOrderRequest(List<Item> items, Long addressId, String paymentMethod) implements JsonRequest {

    /** One cart line. */
    public record Item(Long productId, Integer quantity) {
    }

    @Override
    public void requirePresent(Presence presence) {
        if (presence.require(items, "items")) {
            for (int i = 0; i < items.size(); i++) {
                presence.require(items.get(i).productId(), "items[" + i + "].productId");
                presence.require(items.get(i).quantity(), "items[" + i + "].quantity");
            }
        }
    }

    /**
     * The command to place; also of a refused body, for the cart's checks of its other fields: a
     * part left out (refused already) reaches them as none or 0, which they refuse too, and the
     * answer names it once.
     */
    public PlaceOrderCommand toCommand(UserId userId, Optional<String> idempotencyKey) {
        List<OrderLine> lines = items == null ? List.of() : items.stream()
                .map(item -> new OrderLine(orZero(item.productId()), Math.toIntExact(orZero(item.quantity())))).toList();
        return new PlaceOrderCommand(userId, lines, addressId, method(), idempotencyKey);
    }

    private static long orZero(Number value) {
        return value == null ? 0 : value.longValue();
    }

    /** The method named, or null (missing or unknown), which the cart refuses naming the methods it takes. */
    private PaymentMethod method() {
        for (PaymentMethod method : PaymentMethod.values()) {
            if (method.name().equals(paymentMethod)) return method;
        }
        return null;
    }
}
