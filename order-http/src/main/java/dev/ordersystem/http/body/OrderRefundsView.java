package dev.ordersystem.http.body;

import java.util.List;

/** {@code GET /admin/orders/{orderNo}/refunds}: every refund of the order and what they add up to (not counting failed ones). */
public record OrderRefundsView(String orderNo, long refundedAmount, List<RefundView> refunds) {
}
