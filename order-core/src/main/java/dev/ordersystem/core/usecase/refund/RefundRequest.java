package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.RefundLine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin's refund (DESIGN §14): {@code POST /api/v1/admin/orders/{orderNo}/refund}
 * {@code {items:[{productId, quantity}], amount, reason, restock}}, every part optional. Without
 * items and amount the whole of what is left is refunded; with items alone, their line amounts.
 *
 * @param items   the quantities given back (empty: none named)
 * @param amount  the money given back, minor units of the order's currency; empty: the items' amounts, or everything left
 * @param reason  shown to the payer by the provider; may be empty
 * @param restock whether the named (or, for a whole refund, all remaining) quantities return to stock;
 *                empty: yes before shipping, no after
 */
public record RefundRequest(OrderNo orderNo, List<RefundLine> items, Optional<Long> amount, String reason,
                            Optional<Boolean> restock) {
    public RefundRequest {
        Objects.requireNonNull(orderNo, "orderNo");
        items = List.copyOf(items);
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(restock, "restock");
    }

    /** Everything left, back to stock (the refund of DESIGN §4.7, and the admin route without a body). */
    public static RefundRequest whole(OrderNo orderNo) {
        return new RefundRequest(orderNo, List.of(), Optional.empty(), "", Optional.empty());
    }

    /** Whether this asks for everything left (no items, no amount). */
    public boolean isWhole() {
        return items.isEmpty() && amount.isEmpty();
    }
}
