package dev.ordersystem.redis;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.contract.AbstractOrderSystemTest;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Placing and expiring orders with the fast path on Redis: the per-cart duplicate guard lives in
 * Redis (whose own clock ends the window, so the test waits it out), and the expiry job goes
 * through the Redis delay queue to the expiry worker.
 */
class RedisFastPathOrderSystemIT extends AbstractOrderSystemTest {
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private LiveRedisFastPath live;

    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }

    @Override
    protected OrderSettings settings() {
        OrderSettings d = super.settings();
        return new OrderSettings(d.currency(), d.paymentTimeout(), WINDOW, d.notificationLockTtl(), d.tokenTtl(),
                d.passwordIterations(), d.nodeId(), d.expiryPollInterval(), d.expiryLease(), d.retryBackoff(),
                d.sweepInterval(), d.sweepBatch());
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
    void theSameCartIsRefusedWithinTheWindowAndAcceptedAfterIt() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(0);
        PlaceOrderCommand command = new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 1)), buyer.addressId(),
                PaymentMethod.WECHAT, Optional.empty());

        system.placeOrder().placeOrder(command);
        assertThatThrownBy(() -> system.placeOrder().placeOrder(command)).isInstanceOf(DuplicateSubmission.class);
        Sleep.of(WINDOW.multipliedBy(2));
        system.placeOrder().placeOrder(command);

        assertThat(available(tea)).isEqualTo(8);
        assertInvariantsHold();
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
