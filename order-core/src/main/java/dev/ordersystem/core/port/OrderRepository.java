package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.ShipmentCorrection;
import dev.ordersystem.core.domain.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Orders with their items. Joins the caller's transaction. */
public interface OrderRepository {

    /**
     * Stores a new order and its items.
     *
     * @throws dev.ordersystem.core.domain.IdempotencyKeyTaken when the user has an order with the same key
     * @throws dev.ordersystem.core.domain.OrderNumberTaken when the order number exists (two nodes with one id)
     */
    void add(Order order);

    /**
     * Stores several new orders at once (a group placement); all or none (a failure leaves the caller's transaction to roll back).
     * Adapters write them in multi-row statements; the default adds them one by one.
     *
     * @throws dev.ordersystem.core.domain.IdempotencyKeyTaken as {@link #add}, for any of them
     * @throws dev.ordersystem.core.domain.OrderNumberTaken as {@link #add}, for any of them
     */
    default void addAll(List<Order> orders) {
        orders.forEach(this::add);
    }

    Optional<Order> find(OrderNo orderNo);

    /** Reads the order and holds its row lock until the transaction ends ({@code SELECT … FOR UPDATE}). */
    Optional<Order> lock(OrderNo orderNo);

    /**
     * Writes a transition: {@code UPDATE … WHERE order_no = ? AND status = expected}.
     *
     * @throws dev.ordersystem.core.domain.TransitionNotAllowed when the stored status is no longer {@code expected}
     */
    void update(Order changed, OrderStatus expected);

    Optional<Order> findByIdempotencyKey(UserId userId, String idempotencyKey);

    /**
     * The user's orders, newest first; the page key is the order number.
     *
     * @throws dev.ordersystem.core.domain.ValidationFailed (field {@code cursor}) for a key that is no order number
     */
    Page<Order> findByUser(UserId userId, Optional<OrderStatus> status, PageRequest page);

    /** All orders, newest first; the page key is the order number. */
    Page<Order> findAll(Optional<OrderStatus> status, PageRequest page);

    /** How many orders are in {@code status} now. */
    long countInStatus(OrderStatus status);

    /**
     * Orders placed in {@code [from, to)}, per UTC minute of their {@code createdAt}, oldest minute first; minutes
     * without orders are left out. Aggregated by the store (one grouped query).
     */
    List<MinuteTally> tallyByMinute(Instant from, Instant to);

    /**
     * Locks up to {@code limit} pending orders whose payment window has closed at {@code now} ({@code expires_at <= now}),
     * skipping rows other transactions hold ({@code FOR UPDATE SKIP LOCKED}).
     */
    List<Order> lockOverdue(Instant now, int limit);

    /**
     * Locks up to {@code limit} {@code SHIPPED} orders shipped at or before {@code cutoff}, oldest shipment first,
     * skipping rows other transactions hold ({@code FOR UPDATE SKIP LOCKED}).
     */
    List<Order> lockShippedBefore(Instant cutoff, int limit);

    /** Records a correction of an order's carrier or tracking number (the order is written by {@link #update}). */
    void recordShipmentCorrection(ShipmentCorrection correction);

    /** The corrections of the order's shipment, oldest first. */
    List<ShipmentCorrection> shipmentCorrections(OrderNo orderNo);
}
