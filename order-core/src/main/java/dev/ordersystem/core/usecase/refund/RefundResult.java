package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.Refund;

/**
 * What an admin's refund did: the order as it stands, the refund as it stands (SUCCEEDED for a
 * balance order; for a provider, as its first answer left it, often PENDING), and the total of the
 * order's refunds that are not FAILED.
 */
public record RefundResult(Order order, Refund refund, Money refundedAmount) {
}
