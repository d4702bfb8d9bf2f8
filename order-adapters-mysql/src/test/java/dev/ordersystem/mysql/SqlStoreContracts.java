package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.AbstractAccessTokensTest;
import dev.ordersystem.core.contract.AbstractAdminReadsTest;
import dev.ordersystem.core.contract.AbstractAddressBookTest;
import dev.ordersystem.core.contract.AbstractAuditSourceTest;
import dev.ordersystem.core.contract.AbstractBalanceLedgerTest;
import dev.ordersystem.core.contract.AbstractCatalogueTest;
import dev.ordersystem.core.contract.AbstractCollectPaymentTest;
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
import dev.ordersystem.core.contract.AbstractProductCatalogueTest;
import dev.ordersystem.core.contract.AbstractShippingTest;
import dev.ordersystem.core.contract.AbstractStockGateFlowTest;
import dev.ordersystem.core.contract.AbstractStockLedgerTest;
import dev.ordersystem.core.contract.AbstractStockLowTest;
import dev.ordersystem.core.contract.AbstractTransactionsTest;
import dev.ordersystem.core.contract.AbstractUserAccountsTest;
import dev.ordersystem.core.contract.AbstractUserTest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * Every storage contract of the core and use-case suite over the SQL store, plus what only the SQL
 * store promises ({@link SqlStorageBehaviour}), on one kind of store: a subclass opens it. Each
 * nested class gets a store of its own (a fresh schema on the server, a fresh H2 directory), shared
 * by its tests and dropped after them, so runs of this suite can repeat and overlap.
 */
abstract class SqlStoreContracts {

    /** A fresh, empty store for one nested class. */
    abstract TestStore openStore();

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AccessTokens extends AbstractAccessTokensTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AddressBook extends AbstractAddressBookTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AuditSource extends AbstractAuditSourceTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StockLow extends AbstractStockLowTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BalanceLedger extends AbstractBalanceLedgerTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AdminReads extends AbstractAdminReadsTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ReconciliationStore extends AbstractReconciliationsTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }

        @Override
        protected Reconciliations reconciliations(Storage storage) {
            return store.reconciliations();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ReconcileBill extends AbstractReconcileBillTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }

        @Override
        protected Reconciliations reconciliations(Storage storage) {
            return store.reconciliations();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Catalogue extends AbstractCatalogueTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OrderConcurrency extends AbstractOrderConcurrencyTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OrderLifecycle extends AbstractOrderLifecycleTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OrderRepository extends AbstractOrderRepositoryTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RefundOrder extends AbstractRefundOrderTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ParallelExpiry extends AbstractParallelExpiryTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }

        @Override
        protected int ordersPerKind() {
            return 15;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CollectPayment extends AbstractCollectPaymentTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PaymentNotification extends AbstractPaymentNotificationTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Refunds extends AbstractRefundsTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PaymentAttempts extends AbstractPaymentAttemptsTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Outbox extends AbstractOutboxTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PaymentRecords extends AbstractPaymentRecordsTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PlaceOrder extends AbstractPlaceOrderTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProductCatalogue extends AbstractProductCatalogueTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StockGateFlow extends AbstractStockGateFlowTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StockLedger extends AbstractStockLedgerTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Transactions extends AbstractTransactionsTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UserAccounts extends AbstractUserAccountsTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class User extends AbstractUserTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }
    }

    /** A second instance of the shop has a pool of its own on the server; on embedded H2 it shares the one pool (one process per H2 file). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Shipping extends AbstractShippingTest {
        @AutoClose
        private final ClassStore store = new ClassStore(SqlStoreContracts.this::openStore);

        @Override
        protected Storage storage() {
            return store.storage();
        }

        @Override
        protected Storage secondInstance() {
            return store.secondInstance();
        }
    }

    @Nested
    class SqlOnly extends SqlStorageBehaviour {
        @Override
        TestStore openStore() {
            return SqlStoreContracts.this.openStore();
        }
    }
}
