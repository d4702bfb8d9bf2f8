package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.PaymentRecord;

import java.util.List;

/** {@code GET /admin/orders/{orderNo}/payments}: the payment records the channels reported for the order. */
public record OrderPaymentsView(String orderNo, List<PaymentView> items) {
    public static OrderPaymentsView of(String orderNo, List<PaymentRecord> records) {
        return new OrderPaymentsView(orderNo, records.stream().map(PaymentView::of).toList());
    }
}
