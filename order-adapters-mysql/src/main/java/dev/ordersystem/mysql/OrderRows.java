package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.Shipment;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ordersystem.mysql.schema.Tables.ORDERS;
import static dev.ordersystem.mysql.schema.Tables.ORDER_ITEM;

/** Turns rows of {@code orders} and {@code order_item} into orders: one query for the items of all given orders. */
final class OrderRows {
    private final SqlSession session;

    OrderRows(SqlSession session) {
        this.session = session;
    }

    List<Order> withItems(DSLContext db, List<? extends Record> orderRows) {
        if (orderRows.isEmpty()) return List.of();
        List<String> numbers = orderRows.stream().map(row -> row.get(ORDERS.ORDER_NO)).toList();
        Map<String, List<OrderItem>> items = new LinkedHashMap<>();
        db.selectFrom(ORDER_ITEM)
                .where(ORDER_ITEM.ORDER_NO.in(numbers))
                .orderBy(ORDER_ITEM.ORDER_NO, ORDER_ITEM.LINE_NO)
                .forEach(row -> items.computeIfAbsent(row.get(ORDER_ITEM.ORDER_NO), k -> new ArrayList<>()).add(item(row)));
        List<Order> orders = new ArrayList<>(orderRows.size());
        for (Record row : orderRows) orders.add(order(row, items.getOrDefault(row.get(ORDERS.ORDER_NO), List.of())));
        return orders;
    }

    private OrderItem item(Record row) {
        return new OrderItem(new ProductId(row.get(ORDER_ITEM.PRODUCT_ID)), row.get(ORDER_ITEM.PRODUCT_NAME),
                session.money(row.get(ORDER_ITEM.UNIT_PRICE)), row.get(ORDER_ITEM.QUANTITY),
                session.money(row.get(ORDER_ITEM.LINE_AMOUNT)));
    }

    private static Shipment shipment(Record row) {
        var shippedAt = row.get(ORDERS.SHIPPED_AT);
        if (shippedAt == null) return null;
        return new Shipment(row.get(ORDERS.CARRIER), row.get(ORDERS.TRACKING_NUMBER), SqlTimes.fromDb(shippedAt));
    }

    private Order order(Record row, List<OrderItem> items) {
        String cancelReason = row.get(ORDERS.CANCEL_REASON);
        return Order.builder()
                .orderNo(new OrderNo(row.get(ORDERS.ORDER_NO)))
                .userId(new UserId(row.get(ORDERS.USER_ID)))
                .status(OrderStatus.valueOf(row.get(ORDERS.STATUS)))
                .paymentMethod(PaymentMethod.valueOf(row.get(ORDERS.PAYMENT_METHOD)))
                .items(items)
                .totalAmount(session.money(row.get(ORDERS.TOTAL_AMOUNT)))
                .payAmount(session.money(row.get(ORDERS.PAY_AMOUNT)))
                .shippingAddress(new ShippingAddress(row.get(ORDERS.SHIP_RECIPIENT), row.get(ORDERS.SHIP_PHONE),
                        row.get(ORDERS.SHIP_REGION), row.get(ORDERS.SHIP_DETAIL), row.get(ORDERS.SHIP_PROVINCE),
                        row.get(ORDERS.SHIP_CITY), row.get(ORDERS.SHIP_DISTRICT), row.get(ORDERS.SHIP_POSTAL_CODE)))
                .createdAt(SqlTimes.fromDb(row.get(ORDERS.CREATED_AT)))
                .expiresAt(SqlTimes.fromDb(row.get(ORDERS.EXPIRES_AT)))
                .paidAt(SqlTimes.fromDb(row.get(ORDERS.PAID_AT)))
                .shipment(shipment(row))
                .completedAt(SqlTimes.fromDb(row.get(ORDERS.COMPLETED_AT)))
                .cancelledAt(SqlTimes.fromDb(row.get(ORDERS.CANCELLED_AT)))
                .cancelReason(cancelReason == null ? null : CancelReason.valueOf(cancelReason))
                .refundedAt(SqlTimes.fromDb(row.get(ORDERS.REFUNDED_AT)))
                .idempotencyKey(row.get(ORDERS.IDEMPOTENCY_KEY))
                .requestFingerprint(row.get(ORDERS.REQUEST_FINGERPRINT))
                .build();
    }
}
