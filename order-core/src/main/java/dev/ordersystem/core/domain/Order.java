package dev.ordersystem.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order with its item snapshots. Immutable: every transition returns the order in its new
 * status and refuses moves that DESIGN §3 does not allow. The database writes the result with a
 * guarded update ({@code WHERE status = <the status it came from>}).
 *
 * @param shipment           carrier, tracking number and time of shipping; {@code null} until shipped
 * @param idempotencyKey     the client's {@code Idempotency-Key}, stored with the order
 * @param requestFingerprint digest of the placement request, to tell a replay from a reused key
 */
public record Order(
        OrderNo orderNo,
        UserId userId,
        OrderStatus status,
        PaymentMethod paymentMethod,
        List<OrderItem> items,
        Money totalAmount,
        Money payAmount,
        ShippingAddress shippingAddress,
        Instant createdAt,
        Instant expiresAt,
        Instant paidAt,
        Shipment shipment,
        Instant completedAt,
        Instant cancelledAt,
        CancelReason cancelReason,
        Instant refundedAt,
        String idempotencyKey,
        String requestFingerprint) {

    public Order {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        Objects.requireNonNull(createdAt, "createdAt");
        items = List.copyOf(items);
        if (items.isEmpty()) throw new IllegalArgumentException("an order has at least one item");
        Money sum = Money.zero(totalAmount.currency());
        for (OrderItem item : items) sum = sum.plus(item.lineAmount());
        if (!sum.equals(totalAmount)) throw new IllegalArgumentException("total must equal the sum of the lines");
    }

    /** A new order awaiting payment until {@code expiresAt}. */
    public static Order pending(OrderNo orderNo, UserId userId, PaymentMethod method, List<OrderItem> items,
                                ShippingAddress address, Instant now, Instant expiresAt,
                                String idempotencyKey, String requestFingerprint) {
        Money total = Money.zero(items.getFirst().lineAmount().currency());
        for (OrderItem item : items) total = total.plus(item.lineAmount());
        return new Order(orderNo, userId, OrderStatus.PENDING_PAYMENT, method, items, total, total, address,
                now, expiresAt, null, null, null, null, null, null, idempotencyKey, requestFingerprint);
    }

    public Order pay(PaymentMethod method, Instant at) {
        requireMove(OrderStatus.PAID);
        return new Order(orderNo, userId, OrderStatus.PAID, method, items, totalAmount, payAmount, shippingAddress,
                createdAt, expiresAt, at, null, null, null, null, null, idempotencyKey, requestFingerprint);
    }

    public Order cancel(CancelReason reason, Instant at) {
        requireMove(OrderStatus.CANCELLED);
        return new Order(orderNo, userId, OrderStatus.CANCELLED, paymentMethod, items, totalAmount, payAmount,
                shippingAddress, createdAt, expiresAt, null, null, null, at, Objects.requireNonNull(reason), null,
                idempotencyKey, requestFingerprint);
    }

    public Order ship(Shipment how) {
        requireMove(OrderStatus.SHIPPED);
        return new Order(orderNo, userId, OrderStatus.SHIPPED, paymentMethod, items, totalAmount, payAmount,
                shippingAddress, createdAt, expiresAt, paidAt, Objects.requireNonNull(how, "shipment"), null, null, null, null,
                idempotencyKey, requestFingerprint);
    }

    /** The shipped order with a corrected carrier and tracking number; only a {@code SHIPPED} order's can change. */
    public Order correctShipment(String carrier, String trackingNumber) {
        if (status != OrderStatus.SHIPPED) throw new TransitionNotAllowed(orderNo, status, OrderStatus.SHIPPED);
        return new Order(orderNo, userId, status, paymentMethod, items, totalAmount, payAmount,
                shippingAddress, createdAt, expiresAt, paidAt, shipment.correctedTo(carrier, trackingNumber), null, null,
                null, null, idempotencyKey, requestFingerprint);
    }

    public Order complete(Instant at) {
        requireMove(OrderStatus.COMPLETED);
        return new Order(orderNo, userId, OrderStatus.COMPLETED, paymentMethod, items, totalAmount, payAmount,
                shippingAddress, createdAt, expiresAt, paidAt, shipment, at, null, null, null,
                idempotencyKey, requestFingerprint);
    }

    public Order refund(Instant at) {
        requireMove(OrderStatus.REFUNDED);
        return new Order(orderNo, userId, OrderStatus.REFUNDED, paymentMethod, items, totalAmount, payAmount,
                shippingAddress, createdAt, expiresAt, paidAt, null, null, null, null, at,
                idempotencyKey, requestFingerprint);
    }

    /**
     * The order as its placement answered it, whatever happened to it since: a {@code BALANCE}
     * order {@code PAID} as it was placed, any other {@code PENDING_PAYMENT} until its
     * {@code expiresAt}. Every part of that answer is kept unchanged (items, amounts, address,
     * times) except the status and the payment method, which paying elsewhere changes: so the
     * caller names the method the order was placed with.
     *
     * @param placedWith the payment method of the placement (a replayed request's: its fingerprint matched)
     * @throws IllegalArgumentException when the order cannot have been placed with {@code placedWith}
     */
    public Order asPlaced(PaymentMethod placedWith) {
        boolean paidAtPlacement = placedWith == PaymentMethod.BALANCE;
        // BALANCE orders are paid in their placement's transaction and never wait: no expiry.
        if (paidAtPlacement != (expiresAt == null) || (paidAtPlacement && paymentMethod != PaymentMethod.BALANCE)) {
            throw new IllegalArgumentException("order " + orderNo + " was not placed with " + placedWith);
        }
        return new Order(orderNo, userId, paidAtPlacement ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT, placedWith,
                items, totalAmount, payAmount, shippingAddress, createdAt, expiresAt, paidAtPlacement ? paidAt : null,
                null, null, null, null, null, idempotencyKey, requestFingerprint);
    }

    /**
     * The order as its payment left it, whatever happened to it since (shipped, completed,
     * refunded): {@code PAID} at {@link #paidAt} by {@link #paymentMethod}, which no later move changes.
     *
     * @throws IllegalStateException when the order was never paid
     */
    public Order asPaid() {
        if (paidAt == null) throw new IllegalStateException("order " + orderNo + " was never paid");
        return new Order(orderNo, userId, OrderStatus.PAID, paymentMethod, items, totalAmount, payAmount, shippingAddress,
                createdAt, expiresAt, paidAt, null, null, null, null, null, idempotencyKey, requestFingerprint);
    }

    /** When the order was shipped; {@code null} before. */
    public Instant shippedAt() {
        return shipment == null ? null : shipment.shippedAt();
    }

    /** Whether a pending order's payment window has closed at {@code now}. */
    public boolean isOverdue(Instant now) {
        return status == OrderStatus.PENDING_PAYMENT && expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean belongsTo(UserId user) {
        return userId.equals(user);
    }

    /** The stock this order holds, one line per product. */
    public List<StockLine> stockLines() {
        return items.stream().map(i -> new StockLine(i.productId(), i.quantity())).toList();
    }

    public Optional<String> idempotencyKeyIfAny() {
        return Optional.ofNullable(idempotencyKey);
    }

    private void requireMove(OrderStatus target) {
        if (!status.canMoveTo(target)) throw new TransitionNotAllowed(orderNo, status, target);
    }
}
