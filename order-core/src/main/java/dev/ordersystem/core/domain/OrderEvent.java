package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an order, a payment or a product's stock (DESIGN §15), written to the
 * outbox in the same transaction as the change itself, so an event exists exactly when its change
 * was committed.
 *
 * @param subject    what it is about: events of one subject are delivered in the order they happened
 * @param data       the {@code data} object of the webhook body, as JSON text
 * @param occurredAt when the change happened
 */
public record OrderEvent(EventType type, EventSubject subject, String data, Instant occurredAt) {

    public OrderEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** An event about the order {@code orderNo}. */
    public OrderEvent(EventType type, OrderNo orderNo, String data, Instant occurredAt) {
        this(type, EventSubject.of(orderNo), data, occurredAt);
    }

    /** The order it is about; null for a product's event. */
    public OrderNo orderNo() {
        return subject.orderNo();
    }

    /** An order event: the order as the change left it ({@code order.placed}, {@code order.paid}, …). */
    public static OrderEvent of(EventType type, Order order, Instant at) {
        return new OrderEvent(type, order.orderNo(), orderData(order).json(), at);
    }

    private static EventData orderData(Order order) {
        EventData data = new EventData()
                .text("orderNo", order.orderNo().value())
                .text("status", order.status().name())
                .number("userId", order.userId().value())
                .number("totalAmount", order.totalAmount().minor())
                .number("payAmount", order.payAmount().minor())
                .text("currency", order.payAmount().currency().getCurrencyCode())
                .text("paymentMethod", order.paymentMethod().name());
        if (order.cancelReason() != null) data.text("cancelReason", order.cancelReason().name());
        if (order.shipment() != null) {
            data.text("carrier", order.shipment().carrier()).text("trackingNumber", order.shipment().trackingNumber());
        }
        return data;
    }

    /** The event of {@code moved} reaching its status ({@code order.paid} for PAID, …). */
    public static OrderEvent reached(Order moved, Instant at) {
        return of(EventType.reaching(moved.status()), moved, at);
    }

    /** A payment event: the payment record as the change left it. */
    public static OrderEvent of(EventType type, PaymentRecord payment, Instant at) {
        EventData data = new EventData()
                .text("orderNo", payment.orderNo().value())
                .text("channel", payment.channel().name())
                .text("tradeNo", payment.tradeNo())
                .number("amount", payment.amount().minor())
                .text("currency", payment.amount().currency().getCurrencyCode())
                .text("paymentStatus", payment.status().name());
        return new OrderEvent(type, payment.orderNo(), data.json(), at);
    }

    /**
     * {@code order.refunded} for one refund, whole or partial: the order as the refund left it (REFUNDED when
     * it was refunded whole, else in its status), with the refund's number and amount and the total refunded so far.
     */
    public static OrderEvent refunded(Order order, Refund refund, Money refundedSoFar, Instant at) {
        EventData data = orderData(order).text("refundNo", refund.refundNo().value())
                .number("refundAmount", refund.amount().minor()).number("refundedAmount", refundedSoFar.minor());
        return new OrderEvent(EventType.ORDER_REFUNDED, order.orderNo(), data.json(), at);
    }

    /** {@code payment.refunded}: money of {@code payment} went back through its channel by {@code refund}. */
    public static OrderEvent paymentRefunded(PaymentRecord payment, Refund refund, Instant at) {
        EventData data = new EventData()
                .text("orderNo", payment.orderNo().value())
                .text("channel", payment.channel().name())
                .text("tradeNo", payment.tradeNo())
                .number("amount", payment.amount().minor())
                .text("currency", payment.amount().currency().getCurrencyCode())
                .text("paymentStatus", payment.status().name())
                .text("refundNo", refund.refundNo().value())
                .number("refundAmount", refund.amount().minor());
        return new OrderEvent(EventType.PAYMENT_REFUNDED, payment.orderNo(), data.json(), at);
    }

    /** {@code stock.low}: {@code product}'s available stock fell to {@code available}, below its threshold. */
    public static OrderEvent stockLow(Product product, long available, Instant at) {
        EventData data = new EventData()
                .number("productId", product.id().value())
                .text("name", product.name())
                .number("available", available)
                .number("lowStockThreshold", product.lowStockThreshold());
        return new OrderEvent(EventType.STOCK_LOW, EventSubject.of(product.id()), data.json(), at);
    }
}
