package dev.ordersystem.core.domain;

/**
 * Raised by an {@code OrderRepository} when the order number exists already: two instances run
 * with the same node id. Not the buyer's doing: the use case retries with a fresh number, and
 * only after several clashes does this reach the caller (50001).
 */
public final class OrderNumberTaken extends OrderSystemException {
    private final OrderNo orderNo;

    public OrderNumberTaken(OrderNo orderNo) {
        super(ErrorCode.UNEXPECTED, "the order number is taken already (another instance runs with the same node id)");
        this.orderNo = orderNo;
    }

    public OrderNo orderNo() {
        return orderNo;
    }
}
