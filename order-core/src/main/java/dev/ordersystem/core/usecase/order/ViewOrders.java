package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;

import java.util.Optional;

/** Reads orders: a user sees only their own (another user's order is "not found"); admins see all. */
public final class ViewOrders {
    private final OrderRepository orders;

    public ViewOrders(OrderRepository orders) {
        this.orders = orders;
    }

    public Order own(UserId userId, OrderNo orderNo) {
        return orders.find(orderNo).filter(order -> order.belongsTo(userId))
                .orElseThrow(() -> new NotFound("order " + orderNo));
    }

    public Page<Order> own(UserId userId, Optional<OrderStatus> status, PageRequest page) {
        return orders.findByUser(userId, status, page);
    }

    public Order any(OrderNo orderNo) {
        return orders.find(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
    }

    public Page<Order> all(Optional<OrderStatus> status, PageRequest page) {
        return orders.findAll(status, page);
    }
}
