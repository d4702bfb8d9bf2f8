package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.RefundLine;
import dev.ordersystem.core.usecase.InputErrors;
import dev.ordersystem.core.usecase.refund.RefundRequest;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /admin/orders/{orderNo}/refund} (DESIGN §14): every field optional; an empty body,
 * or none, refunds everything left. {@code amount} in minor units.
 */
public record RefundBody(List<Item> items, Long amount, String reason, Boolean restock) implements JsonRequest {

    /** A quantity of one product of the order. */
    public record Item(Long productId, Integer quantity) {
    }

    @Override
    public void requirePresent(Presence presence) {
        if (items == null) return;
        for (int i = 0; i < items.size(); i++) {
            presence.require(items.get(i).productId(), "items[" + i + "].productId");
            presence.require(items.get(i).quantity(), "items[" + i + "].quantity");
        }
    }

    /** The use case's request; a product id or quantity out of range is refused here, naming the field. */
    public RefundRequest toRequest(OrderNo orderNo) {
        InputErrors errors = new InputErrors();
        List<RefundLine> lines = new ArrayList<>();
        List<Item> named = items == null ? List.of() : items;
        for (int i = 0; i < named.size(); i++) {
            Item item = named.get(i);
            boolean id = errors.require(item.productId() != null && item.productId() > 0, "items[" + i + "].productId",
                    FieldFault.POSITIVE_ID);
            boolean units = errors.require(item.quantity() != null && item.quantity() >= 1 && item.quantity() <= 999,
                    "items[" + i + "].quantity", FieldFault.RANGE, 1, 999);
            if (id && units) lines.add(new RefundLine(new ProductId(item.productId()), item.quantity()));
        }
        if (amount != null) errors.require(amount > 0, "amount", FieldFault.POSITIVE);
        errors.throwIfAny();
        return new RefundRequest(orderNo, lines, Optional.ofNullable(amount), reason == null ? "" : reason,
                Optional.ofNullable(restock));
    }
}
