package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.port.PaymentAttempt;

/**
 * The answer to a payment start: the order and its open trade with the pay link.
 *
 * @param origin whether the trade was created now or an open one was answered again (no provider call)
 */
public record StartedPayment(Order order, PaymentAttempt attempt, Origin origin) {

    public enum Origin {
        /** The provider created the trade for this request. */
        CREATED,
        /** The same request found its trade open: answered as before, the provider not called. */
        REPEATED
    }
}
