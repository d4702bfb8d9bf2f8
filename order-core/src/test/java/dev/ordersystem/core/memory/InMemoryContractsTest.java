package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractAccessTokensTest;
import dev.ordersystem.core.contract.AbstractAdminReadsTest;
import dev.ordersystem.core.contract.AbstractAddressBookTest;
import dev.ordersystem.core.contract.AbstractAttemptBudgetsTest;
import dev.ordersystem.core.contract.AbstractAuditSourceTest;
import dev.ordersystem.core.contract.AbstractBalanceLedgerTest;
import dev.ordersystem.core.contract.AbstractCatalogueTest;
import dev.ordersystem.core.contract.AbstractCollectPaymentTest;
import dev.ordersystem.core.contract.AbstractDelaySchedulerTest;
import dev.ordersystem.core.contract.AbstractIdempotencyGuardTest;
import dev.ordersystem.core.contract.AbstractOrderConcurrencyTest;
import dev.ordersystem.core.contract.AbstractOrderLifecycleTest;
import dev.ordersystem.core.contract.AbstractOrderRepositoryTest;
import dev.ordersystem.core.contract.AbstractPaymentAttemptsTest;
import dev.ordersystem.core.contract.AbstractRefundsTest;
import dev.ordersystem.core.contract.AbstractRefundOrderTest;
import dev.ordersystem.core.contract.AbstractOutboxTest;
import dev.ordersystem.core.contract.AbstractParallelExpiryTest;
import dev.ordersystem.core.contract.AbstractPaymentNotificationTest;
import dev.ordersystem.core.contract.AbstractPaymentRecordsTest;
import dev.ordersystem.core.contract.AbstractReconcileBillTest;
import dev.ordersystem.core.contract.AbstractReconciliationsTest;
import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.contract.AbstractPlaceOrderTest;
import dev.ordersystem.core.contract.AbstractProductCacheTest;
import dev.ordersystem.core.contract.AbstractProductCatalogueTest;
import dev.ordersystem.core.contract.AbstractShippingTest;
import dev.ordersystem.core.contract.AbstractStockGateFlowTest;
import dev.ordersystem.core.contract.AbstractStockGateTest;
import dev.ordersystem.core.contract.AbstractStockLedgerTest;
import dev.ordersystem.core.contract.AbstractStockLowTest;
import dev.ordersystem.core.contract.AbstractTokenCacheTest;
import dev.ordersystem.core.contract.AbstractTransactionsTest;
import dev.ordersystem.core.contract.AbstractUserAccountsTest;
import dev.ordersystem.core.contract.AbstractUserTest;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every port and use-case contract of the core on the in-memory adapters: a fresh store per test,
 * a hand-moved clock where the port keeps time. Tests only the in-memory adapters have sit in
 * their port's class.
 */
class InMemoryContractsTest {
    private static final Instant START = Instant.parse("2031-01-01T00:00:00Z");

    @Nested
    class AccessTokens extends AbstractAccessTokensTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class AddressBook extends AbstractAddressBookTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class AuditSource extends AbstractAuditSourceTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class Outbox extends AbstractOutboxTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class StockLow extends AbstractStockLowTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class BalanceLedger extends AbstractBalanceLedgerTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class OrderRepository extends AbstractOrderRepositoryTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class Refunds extends AbstractRefundsTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class PaymentAttempts extends AbstractPaymentAttemptsTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class PaymentRecords extends AbstractPaymentRecordsTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class ReconciliationStore extends AbstractReconciliationsTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected Reconciliations reconciliations(Storage storage) {
            return InMemoryReconciliations.over(storage);
        }
    }

    @Nested
    class ReconcileBill extends AbstractReconcileBillTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }

        @Override
        protected Reconciliations reconciliations(Storage storage) {
            return InMemoryReconciliations.over(storage);
        }
    }

    @Nested
    class ProductCatalogue extends AbstractProductCatalogueTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class StockLedger extends AbstractStockLedgerTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class Transactions extends AbstractTransactionsTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class UserAccounts extends AbstractUserAccountsTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class AdminReads extends AbstractAdminReadsTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class Catalogue extends AbstractCatalogueTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class OrderConcurrency extends AbstractOrderConcurrencyTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class OrderLifecycle extends AbstractOrderLifecycleTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class RefundOrder extends AbstractRefundOrderTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class CollectPayment extends AbstractCollectPaymentTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class ParallelExpiry extends AbstractParallelExpiryTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class PaymentNotification extends AbstractPaymentNotificationTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class PlaceOrder extends AbstractPlaceOrderTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class Shipping extends AbstractShippingTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class StockGateFlow extends AbstractStockGateFlowTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class User extends AbstractUserTest {
        @Override
        protected Storage storage() {
            return InMemoryStorage.create(CNY);
        }
    }

    @Nested
    class AttemptBudgets extends AbstractAttemptBudgetsTest {
        @Override
        protected dev.ordersystem.core.port.AttemptBudgets newBudgets() {
            return new InMemoryAttemptBudgets();
        }

        @Test
        void theDefaultLoginShapeIsTwentyAtOnceThenOneEveryThreeSeconds() {
            AtomicLong now = new AtomicLong(42);
            InMemoryAttemptBudgets budgets = new InMemoryAttemptBudgets(now::get);
            AttemptLimit limit = AttemptLimit.parse("login-client", "20/1m");
            for (int i = 0; i < 20; i++) assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Granted.class);
            assertThat(budgets.spend(limit, "203.0.113.9")).isEqualTo(new AttemptVerdict.Refused(Duration.ofSeconds(3)));

            now.addAndGet(Duration.ofMillis(2_999).toNanos());
            assertThat(budgets.spend(limit, "203.0.113.9")).isEqualTo(new AttemptVerdict.Refused(Duration.ofMillis(1)));
            now.addAndGet(Duration.ofMillis(1).toNanos());
            assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Granted.class);

            now.addAndGet(Duration.ofMinutes(5).toNanos()); // a long pause gives back the burst, not more
            for (int i = 0; i < 20; i++) assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Granted.class);
            assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Refused.class);
        }

        @Test
        void staysBoundedByDroppingBudgetsThatAreFullAgain() {
            AtomicLong now = new AtomicLong();
            InMemoryAttemptBudgets budgets = new InMemoryAttemptBudgets(now::get);
            AttemptLimit limit = AttemptLimit.parse("login-client", "5/1m");
            for (int i = 0; i <= InMemoryAttemptBudgets.MAX_KEYS; i++) budgets.spend(limit, "k" + i);
            now.addAndGet(Duration.ofMinutes(1).toNanos());

            budgets.spend(limit, "fresh");

            assertThat(budgets.size()).isEqualTo(1);
        }
    }

    @Nested
    class DelayScheduler extends AbstractDelaySchedulerTest {
        @Override
        protected dev.ordersystem.core.port.DelayScheduler newScheduler() {
            return new InMemoryDelayScheduler();
        }
    }

    @Nested
    class IdempotencyGuard extends AbstractIdempotencyGuardTest {
        private final MutableClock clock = new MutableClock(START);

        @Override
        protected dev.ordersystem.core.port.IdempotencyGuard newGuard() {
            return new InMemoryIdempotencyGuard(clock);
        }

        @Override
        protected Duration shortTtl() {
            return Duration.ofSeconds(5);
        }

        @Override
        protected void passTime(Duration duration) {
            clock.advance(duration);
        }
    }

    @Nested
    class ProductCache extends AbstractProductCacheTest {
        private final MutableClock clock = new MutableClock(START);

        @Override
        protected dev.ordersystem.core.port.ProductCache newCache(Duration ttl, Duration jitter, Duration nullTtl) {
            return new InMemoryProductCache(clock, ttl, jitter, nullTtl);
        }

        @Override
        protected Duration shortTtl() {
            return Duration.ofSeconds(10);
        }

        @Override
        protected void passTime(Duration duration) {
            clock.advance(duration);
        }

        @Test
        void theEmbeddedFastPathRemembersMissingIdsForFiveMinutes() {
            FastPath fastPath = InMemoryFastPath.create(clock);
            ProductId missing = productId();
            CountingLoader loader = new CountingLoader(Duration.ZERO);
            fastPath.cache().get(missing, loader);

            clock.advance(Duration.ofMinutes(5).minusSeconds(1));
            fastPath.cache().get(missing, loader);
            assertThat(loader.calls(missing)).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            fastPath.cache().get(missing, loader);
            assertThat(loader.calls(missing)).isEqualTo(2);
        }
    }

    @Nested
    class StockGate extends AbstractStockGateTest {
        private final MutableClock clock = new MutableClock(START);

        @Override
        protected dev.ordersystem.core.port.StockGate newGate() {
            return new InMemoryStockGate(clock);
        }

        @Override
        protected void passTime(Duration duration) {
            clock.advance(duration);
        }

        @Override
        protected Duration shortTime() {
            return Duration.ofSeconds(5);
        }
    }

    @Nested
    class TokenCache extends AbstractTokenCacheTest {
        private final MutableClock clock = new MutableClock(START);

        @Override
        protected dev.ordersystem.core.port.TokenCache newCache() {
            return new InMemoryTokenCache(clock);
        }

        @Override
        protected void passTime(Duration duration) {
            clock.advance(duration);
        }

        @Override
        protected Duration shortTtl() {
            return Duration.ofSeconds(5);
        }
    }
}
