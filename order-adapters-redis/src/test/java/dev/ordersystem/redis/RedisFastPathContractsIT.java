package dev.ordersystem.redis;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.contract.AbstractCatalogueTest;
import dev.ordersystem.core.contract.AbstractStockLowTest;
import dev.ordersystem.core.contract.AbstractOrderConcurrencyTest;
import dev.ordersystem.core.contract.AbstractOrderLifecycleTest;
import dev.ordersystem.core.contract.AbstractOrderSystemTest;
import dev.ordersystem.core.contract.AbstractPaymentNotificationTest;
import dev.ordersystem.core.contract.AbstractPlaceOrderTest;
import dev.ordersystem.core.contract.AbstractStockGateFlowTest;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's use-case suites with the fast path (guard, delay queue, stock gate, caches) on the
 * test Redis, over the in-memory store. Every test gets a fresh key prefix, deleted after it.
 */
class RedisFastPathContractsIT {
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();

    private FastPath onRedis() {
        return kit.fastPath().fastPath();
    }

    @Nested
    class StockLow extends AbstractStockLowTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
        }
    }

    @Nested
    class Catalogue extends AbstractCatalogueTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
        }
    }

    @Nested
    class OrderConcurrency extends AbstractOrderConcurrencyTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
        }
    }

    @Nested
    class OrderLifecycle extends AbstractOrderLifecycleTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
        }
    }

    @Nested
    class PaymentNotification extends AbstractPaymentNotificationTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
        }
    }

    /** With the duplicate-submission guard on Redis. */
    @Nested
    class PlaceOrder extends AbstractPlaceOrderTest {
        private static final Duration WINDOW = Duration.ofMillis(500);

        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
        }

        /** A short window, because Redis expires the guard key by its own clock: the test has to wait it out. */
        @Override
        protected OrderSettings settings() {
            return super.settings().withDuplicateWindow(WINDOW);
        }

        @Override
        protected void letTheDuplicateWindowPass() {
            Sleep.of(WINDOW.plusMillis(200));
        }
    }

    /** With the stock gate, guard and token cache on Redis. */
    @Nested
    class StockGateFlow extends AbstractStockGateFlowTest {
        private static final Duration LEASE = Duration.ofMillis(700);

        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
        }

        /** A short lease, because Redis ends it by its own clock: the test has to wait it out. */
        @Override
        protected OrderSettings settings() {
            return super.settings().withGateLease(LEASE);
        }

        @Override
        protected void letTheGateLeasePass() {
            Sleep.of(LEASE.plusMillis(300));
        }
    }

    /** The expiry job goes through the Redis delay queue to the expiry worker and, once completed, is never claimed again. */
    @Nested
    class Expiry extends AbstractOrderSystemTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected FastPath openFastPath() {
            return onRedis();
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
}
