package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.ShipmentCorrection;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Transactions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one order, for an admin: its timeline (placed, paid, every payment the channels
 * reported, shipped, each shipment correction, completed, cancelled with its reason, refunded) in
 * the order it happened, and the payment records of the order. Read in one transaction, so the
 * timeline and the order agree.
 */
public final class OrderHistory {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final PaymentRecords payments;

    public OrderHistory(Transactions transactions, OrderRepository orders, PaymentRecords payments) {
        this.transactions = transactions;
        this.orders = orders;
        this.payments = payments;
    }

    /**
     * One thing that happened to an order. {@code amount} is the money it moved, when it moved any ({@code null}
     * otherwise); {@code detail} is plain text for a person (a method, a reason, a carrier, a trade number).
     */
    public record Entry(Instant at, Event event, Money amount, String detail) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The kinds of timeline entries. */
    public enum Event {
        PLACED, PAID, PAYMENT_RECORDED, SHIPPED, SHIPMENT_CORRECTED, COMPLETED, CANCELLED, REFUNDED
    }

    /**
     * The order's timeline, oldest first (entries of one instant in the life-cycle order).
     *
     * @throws NotFound when there is no such order
     */
    public List<Entry> timeline(OrderNo orderNo) {
        return transactions.inTransaction(() -> {
            Order order = orders.find(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
            List<Entry> entries = new ArrayList<>();
            entries.add(new Entry(order.createdAt(), Event.PLACED, order.totalAmount(),
                    order.items().size() + " item(s), " + order.paymentMethod()));
            for (PaymentRecord payment : payments.findByOrder(orderNo)) {
                entries.add(new Entry(payment.recordedAt(), Event.PAYMENT_RECORDED, payment.amount(),
                        payment.channel() + " " + payment.tradeNo() + ": " + payment.status()));
            }
            if (order.paidAt() != null) entries.add(new Entry(order.paidAt(), Event.PAID, order.payAmount(), order.paymentMethod().name()));
            if (order.shipment() != null) {
                entries.add(new Entry(order.shipment().shippedAt(), Event.SHIPPED, null, shipped(order.shipment().carrier(),
                        order.shipment().trackingNumber())));
            }
            for (ShipmentCorrection c : orders.shipmentCorrections(orderNo)) {
                entries.add(new Entry(c.correctedAt(), Event.SHIPMENT_CORRECTED, null, shipped(c.oldCarrier(), c.oldTrackingNumber())
                        + " -> " + shipped(c.newCarrier(), c.newTrackingNumber())));
            }
            if (order.completedAt() != null) entries.add(new Entry(order.completedAt(), Event.COMPLETED, null, ""));
            if (order.cancelledAt() != null) {
                entries.add(new Entry(order.cancelledAt(), Event.CANCELLED, null,
                        order.cancelReason() == null ? "" : order.cancelReason().name()));
            }
            if (order.refundedAt() != null) entries.add(new Entry(order.refundedAt(), Event.REFUNDED, order.payAmount(), ""));
            entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::event));
            return List.copyOf(entries);
        });
    }

    /**
     * The payment records the channels reported for the order, in the order they were recorded.
     *
     * @throws NotFound when there is no such order
     */
    public List<PaymentRecord> payments(OrderNo orderNo) {
        return transactions.inTransaction(() -> {
            orders.find(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
            return payments.findByOrder(orderNo).stream().sorted(Comparator.comparing(PaymentRecord::recordedAt)).toList();
        });
    }

    private static String shipped(String carrier, String trackingNumber) {
        if (carrier == null && trackingNumber == null) return "(no tracking recorded)";
        return carrier + " " + trackingNumber;
    }
}
