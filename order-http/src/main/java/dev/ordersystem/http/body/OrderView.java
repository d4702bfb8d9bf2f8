package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;

import java.util.List;

/** An order as DESIGN §9 shows it; amounts in minor units of {@code currency}. */
public record OrderView(String orderNo, String status, long userId, long totalAmount, long payAmount, String currency,
                        String paymentMethod, String createdAt, String expiresAt, String paidAt, String shippedAt,
                        String completedAt, String cancelledAt, String cancelReason, String refundedAt,
                        List<ItemView> items, AddressView shippingAddress, ShipmentView shipment) {

    /** One item snapshot. */
    public record ItemView(long productId, String productName, long unitPrice, int quantity, long lineAmount) {
        static ItemView of(OrderItem item) {
            return new ItemView(item.productId().value(), item.productName(), item.unitPrice().minor(),
                    item.quantity(), item.lineAmount().minor());
        }
    }

    public static OrderView of(Order order) {
        return new OrderView(order.orderNo().value(), order.status().name(), order.userId().value(),
                order.totalAmount().minor(), order.payAmount().minor(), order.totalAmount().currency().getCurrencyCode(),
                order.paymentMethod().name(), JsonTimes.iso(order.createdAt()), JsonTimes.iso(order.expiresAt()),
                JsonTimes.iso(order.paidAt()), JsonTimes.iso(order.shippedAt()), JsonTimes.iso(order.completedAt()),
                JsonTimes.iso(order.cancelledAt()), order.cancelReason() == null ? null : order.cancelReason().name(),
                JsonTimes.iso(order.refundedAt()), order.items().stream().map(ItemView::of).toList(),
                AddressView.snapshot(order.shippingAddress()), ShipmentView.of(order.shipment()));
    }
}
