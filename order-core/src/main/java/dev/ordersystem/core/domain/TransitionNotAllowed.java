package dev.ordersystem.core.domain;

/** The order's current status does not allow the requested move (40004). */
public final class TransitionNotAllowed extends OrderSystemException {
    private final OrderStatus from;
    private final OrderStatus to;

    public TransitionNotAllowed(OrderNo orderNo, OrderStatus from, OrderStatus to) {
        super(ErrorCode.TRANSITION_NOT_ALLOWED, "order " + orderNo + " is " + from + " and cannot become " + to);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    /** The status the refused move asked for. */
    public OrderStatus to() {
        return to;
    }
}
