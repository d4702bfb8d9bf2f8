package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ordersystem.core.usecase.refund.RefundResult;

/**
 * The answer to an admin's refund: the order's fields as every order answer has them (so a client
 * of the whole-refund answer reads it as before), {@code refundedAmount} (Σ of its refunds
 * that did not fail, minor units), and the refund just recorded as the provider's first answer left it.
 */
public record RefundedOrderView(@JsonUnwrapped OrderView order, long refundedAmount, RefundView refund) {
    public static RefundedOrderView of(RefundResult result) {
        return new RefundedOrderView(OrderView.of(result.order()), result.refundedAmount().minor(), RefundView.of(result.refund()));
    }
}
