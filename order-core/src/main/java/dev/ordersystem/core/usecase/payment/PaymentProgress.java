package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.port.PaymentAttempt;

/** The answer to the poll: the order as it stands and its latest provider trade with the provider's last word. */
public record PaymentProgress(Order order, PaymentAttempt attempt) {
}
