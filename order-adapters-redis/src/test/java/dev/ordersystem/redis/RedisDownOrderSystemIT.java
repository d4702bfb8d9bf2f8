package dev.ordersystem.redis;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.contract.AbstractOrderSystemTest;
import dev.ordersystem.core.contract.PaymentNotifications;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.catalogue.ProductChanges;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §4 with Redis unreachable (a closed port): placing an order, a payment notification and
 * a product read still work through the database, each within the Redis timeouts; the order the
 * delay queue could not take is expired by the database sweep.
 */
class RedisDownOrderSystemIT extends AbstractOrderSystemTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /** The timeouts of the few Redis calls a use case makes, plus room for a loaded build machine. */
    private static final Duration BOUND = TIMEOUT.multipliedBy(4).plusMillis(1500);

    private RedisFastPath redis;

    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }

    @BeforeEach
    void useRedisThatIsDown() {
        redis = RedisFastPath.connect(RedisSettings.fromUrl("redis://127.0.0.1:1").withKeyPrefix("down").withTimeouts(TIMEOUT, TIMEOUT));
        fastPath = redis.fastPath();
        system = new OrderSystem(storage, fastPath, settings(), clock);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void anOrderIsPlacedAndTheSweepExpiresItWithoutTheDelayQueue() {
        ProductId tea = newProduct(1_000, 10);
        Buyer buyer = newBuyer(0);

        Order order = within(() -> place(buyer, PaymentMethod.WECHAT, line(tea, 2)));

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(available(tea)).isEqualTo(8);
        assertThatThrownBy(() -> system.expiryWorker().runDueJobs()).isInstanceOf(RedisUnavailable.class);

        clock.advance(settings().paymentTimeout().plusSeconds(1));
        assertThat(system.sweepOverdue().sweep()).isEqualTo(1);

        assertThat(storage.orders().find(order.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(available(tea)).isEqualTo(10);
        assertInvariantsHold();
    }

    @Test
    void aResubmittedIdempotencyKeyStillReturnsTheSameOrder() {
        ProductId tea = newProduct(500, 10);
        Buyer buyer = newBuyer(5_000);
        PlaceOrderCommand command = new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 1)), buyer.addressId(),
                PaymentMethod.BALANCE, Optional.of(unique("key")));

        Order first = within(() -> system.placeOrder().placeOrder(command));
        Order again = within(() -> system.placeOrder().placeOrder(command));

        assertThat(again.orderNo()).isEqualTo(first.orderNo());
        assertThat(available(tea)).isEqualTo(9);
        assertThat(balance(buyer.userId())).isEqualTo(4_500);
        assertInvariantsHold();
    }

    @Test
    void aPaymentNotificationIsAppliedOnceWithoutTheNotificationLock() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));

        assertThat(within(() -> PaymentNotifications.apply(system, pending, "wx-down-1"))).isEqualTo(PaymentOutcome.PAID);
        assertThat(within(() -> PaymentNotifications.apply(system, pending, "wx-down-1"))).isEqualTo(PaymentOutcome.DUPLICATE);

        assertThat(storage.orders().find(pending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(storage.payments().findByOrder(pending.orderNo())).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void productReadsComeFromTheDatabaseAndSeeChangesAtOnce() {
        ProductId tea = newProduct(1_000, 10);

        ProductDetail before = within(() -> system.viewProduct().view(tea));
        system.manageCatalogue().update(tea, new ProductChanges(Optional.empty(), Optional.empty(), Optional.of(1_200L), Optional.empty()));
        ProductDetail after = within(() -> system.viewProduct().view(tea));

        assertThat(before.product().price()).isEqualTo(cny(1_000));
        assertThat(after.product().price()).isEqualTo(cny(1_200));
        assertThat(after.available()).isEqualTo(10);
        assertThat(redis.failOpenCount()).isPositive();
    }

    private static <T> T within(Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        return result;
    }
}
