package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractOrderSystemTest;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiring orders with the fast path on Redis: the expiry job goes through the Redis delay queue
 * to the expiry worker and, once completed, is never claimed again. (The per-cart duplicate
 * guard on Redis is covered by {@link RedisFastPathPlaceOrderIT}.)
 */
class RedisFastPathOrderSystemIT extends AbstractOrderSystemTest {
    private LiveRedisFastPath live;

    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }

    @BeforeEach
    void useRedis() {
        live = new LiveRedisFastPath(storage, settings(), clock);
        fastPath = live.redis.fastPath();
        system = live.system;
    }

    @AfterEach
    void closeRedis() {
        live.close();
    }

    @Test
    void anUnpaidOrderIsExpiredThroughTheRedisDelayQueue() {
        ProductId tea = newProduct(1_000, 10);
        Buyer buyer = newBuyer(0);
        Order order = place(buyer, PaymentMethod.ALIPAY, line(tea, 3));
        assertThat(system.expiryWorker().runDueJobs()).as("not due yet").isZero();

        clock.advance(settings().paymentTimeout());
        assertThat(system.expiryWorker().runDueJobs()).isEqualTo(1);

        assertThat(storage.orders().find(order.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(available(tea)).isEqualTo(10);
        clock.advance(settings().expiryLease().multipliedBy(2));
        assertThat(system.expiryWorker().runDueJobs()).as("the job was completed").isZero();
        assertInvariantsHold();
    }
}
