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
        return builder().orderNo(orderNo).userId(userId).status(OrderStatus.PENDING_PAYMENT).paymentMethod(method)
                .items(items).totalAmount(total).payAmount(total).shippingAddress(address)
                .createdAt(now).expiresAt(expiresAt)
                .idempotencyKey(idempotencyKey).requestFingerprint(requestFingerprint)
                .build();
    }

    /** An order set field by field, as an adapter rebuilds a stored one; the constructor's checks apply on {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    public Order pay(PaymentMethod method, Instant at) {
        requireMove(OrderStatus.PAID);
        return copy().status(OrderStatus.PAID).paymentMethod(method).paidAt(at).build();
    }

    public Order cancel(CancelReason reason, Instant at) {
        requireMove(OrderStatus.CANCELLED);
        return copy().status(OrderStatus.CANCELLED).cancelledAt(at).cancelReason(Objects.requireNonNull(reason, "reason")).build();
    }

    public Order ship(Shipment how) {
        requireMove(OrderStatus.SHIPPED);
        return copy().status(OrderStatus.SHIPPED).shipment(Objects.requireNonNull(how, "shipment")).build();
    }

    /** The shipped order with a corrected carrier and tracking number; only a {@code SHIPPED} order's can change. */
    public Order correctShipment(String carrier, String trackingNumber) {
        if (status != OrderStatus.SHIPPED) throw new TransitionNotAllowed(orderNo, status, OrderStatus.SHIPPED);
        return copy().shipment(shipment.correctedTo(carrier, trackingNumber)).build();
    }

    public Order complete(Instant at) {
        requireMove(OrderStatus.COMPLETED);
        return copy().status(OrderStatus.COMPLETED).completedAt(at).build();
    }

    public Order refund(Instant at) {
        requireMove(OrderStatus.REFUNDED);
        return copy().status(OrderStatus.REFUNDED).refundedAt(at).build();
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
        return withoutLaterEvents().status(paidAtPlacement ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT)
                .paymentMethod(placedWith).paidAt(paidAtPlacement ? paidAt : null).build();
    }

    /**
     * The order as its payment left it, whatever happened to it since (shipped, completed,
     * refunded): {@code PAID} at {@link #paidAt} by {@link #paymentMethod}, which no later move changes.
     *
     * @throws IllegalStateException when the order was never paid
     */
    public Order asPaid() {
        if (paidAt == null) throw new IllegalStateException("order " + orderNo + " was never paid");
        return withoutLaterEvents().status(OrderStatus.PAID).build();
    }

    /** A copy without what happens after payment: shipping, completion, cancellation, refund. */
    private Builder withoutLaterEvents() {
        return copy().shipment(null).completedAt(null).cancelledAt(null).cancelReason(null).refundedAt(null);
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

    /** This order's fields in a builder, for a transition to change the few it moves. */
    private Builder copy() {
        return new Builder().orderNo(orderNo).userId(userId).status(status).paymentMethod(paymentMethod).items(items)
                .totalAmount(totalAmount).payAmount(payAmount).shippingAddress(shippingAddress)
                .createdAt(createdAt).expiresAt(expiresAt).paidAt(paidAt).shipment(shipment).completedAt(completedAt)
                .cancelledAt(cancelledAt).cancelReason(cancelReason).refundedAt(refundedAt)
                .idempotencyKey(idempotencyKey).requestFingerprint(requestFingerprint);
    }

    /** Names every field of an {@link Order}; the fields an order does not have yet stay {@code null}. */
    public static final class Builder {
        private OrderNo orderNo;
        private UserId userId;
        private OrderStatus status;
        private PaymentMethod paymentMethod;
        private List<OrderItem> items = List.of();
        private Money totalAmount;
        private Money payAmount;
        private ShippingAddress shippingAddress;
        private Instant createdAt;
        private Instant expiresAt;
        private Instant paidAt;
        private Shipment shipment;
        private Instant completedAt;
        private Instant cancelledAt;
        private CancelReason cancelReason;
        private Instant refundedAt;
        private String idempotencyKey;
        private String requestFingerprint;

        private Builder() {
        }

        public Builder orderNo(OrderNo value) {
            this.orderNo = value;
            return this;
        }

        public Builder userId(UserId value) {
            this.userId = value;
            return this;
        }

        public Builder status(OrderStatus value) {
            this.status = value;
            return this;
        }

        public Builder paymentMethod(PaymentMethod value) {
            this.paymentMethod = value;
            return this;
        }

        public Builder items(List<OrderItem> value) {
            this.items = value;
            return this;
        }

        public Builder totalAmount(Money value) {
            this.totalAmount = value;
            return this;
        }

        public Builder payAmount(Money value) {
            this.payAmount = value;
            return this;
        }

        public Builder shippingAddress(ShippingAddress value) {
            this.shippingAddress = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        public Builder paidAt(Instant value) {
            this.paidAt = value;
            return this;
        }

        public Builder shipment(Shipment value) {
            this.shipment = value;
            return this;
        }

        public Builder completedAt(Instant value) {
            this.completedAt = value;
            return this;
        }

        public Builder cancelledAt(Instant value) {
            this.cancelledAt = value;
            return this;
        }

        public Builder cancelReason(CancelReason value) {
            this.cancelReason = value;
            return this;
        }

        public Builder refundedAt(Instant value) {
            this.refundedAt = value;
            return this;
        }

        public Builder idempotencyKey(String value) {
            this.idempotencyKey = value;
            return this;
        }

        public Builder requestFingerprint(String value) {
            this.requestFingerprint = value;
            return this;
        }

        public Order build() {
            return new Order(orderNo, userId, status, paymentMethod, items, totalAmount, payAmount, shippingAddress,
                    createdAt, expiresAt, paidAt, shipment, completedAt, cancelledAt, cancelReason, refundedAt,
                    idempotencyKey, requestFingerprint);
        }
    }
}
