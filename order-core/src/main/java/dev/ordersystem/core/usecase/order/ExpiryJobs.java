package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.port.DelayScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts expiry jobs into the delay queue and takes them out, after the database commit.
 * A queue that is down costs nothing but speed: the database sweep expires the order later.
 */
public final class ExpiryJobs {
    private static final Logger log = LoggerFactory.getLogger(ExpiryJobs.class);

    private final DelayScheduler scheduler;

    public ExpiryJobs(DelayScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public void schedule(Order order) {
        if (order.status() != OrderStatus.PENDING_PAYMENT) return;
        try {
            scheduler.schedule(order.orderNo(), order.expiresAt());
        } catch (RuntimeException e) {
            log.warn("expiry job for order {} not queued; the database sweep will expire it: {}", order.orderNo(), e.toString());
        }
    }

    /** Queues the jobs of the pending ones among {@code orders} in one call. */
    public void scheduleAll(List<Order> orders) {
        Map<OrderNo, Instant> due = new LinkedHashMap<>();
        orders.stream().filter(o -> o.status() == OrderStatus.PENDING_PAYMENT).forEach(o -> due.put(o.orderNo(), o.expiresAt()));
        if (due.isEmpty()) return;
        try {
            scheduler.scheduleAll(due);
        } catch (RuntimeException e) {
            log.warn("expiry jobs for {} orders not queued; the database sweep will expire them: {}", due.size(), e.toString());
        }
    }

    /** Drops the jobs of {@code orderNos} in one call (a sweep's batch). */
    public void dropAll(List<OrderNo> orderNos) {
        if (orderNos.isEmpty()) return;
        try {
            scheduler.cancelAll(orderNos);
        } catch (RuntimeException e) {
            log.warn("expiry jobs of {} orders not dropped; they will find the orders settled: {}", orderNos.size(), e.toString());
        }
    }

    public void drop(OrderNo orderNo) {
        try {
            scheduler.cancel(orderNo);
        } catch (RuntimeException e) {
            log.warn("expiry job for order {} not dropped; it will find the order settled: {}", orderNo, e.toString());
        }
    }
}
