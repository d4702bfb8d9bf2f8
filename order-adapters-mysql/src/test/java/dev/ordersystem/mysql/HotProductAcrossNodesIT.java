package dev.ordersystem.mysql;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.audit.AuditReport;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.OrderSystemException;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.StoreContended;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import dev.ordersystem.core.usecase.order.OrderLine;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One product bought by buyers on two instances at once, each instance on another node when the
 * test server is a Galera cluster (on one server, both on it): their stock-row updates conflict
 * at commit there (certification), and a conflict must end in a retry, a sold-out answer or a
 * 50300 to try again, never an unexpected failure; the stock is sold exactly, and the §7 audit is clean.
 */
class HotProductAcrossNodesIT {
    private static final int STOCK = 300;
    private static final int BUYERS_PER_INSTANCE = 6;

    @Test
    void buyersOnTwoNodesSellOneProductExactlyWithoutUnexpectedFailures() throws Exception {
        TestDatabaseServer server = TestDatabaseServer.get();
        String schema = server.createSchema();
        server.awaitOnEveryServer(schema);
        List<String> urls = server.urlPerServer(schema);
        Clock clock = Clock.systemUTC();
        try (SqlDatabase nodeA = SqlDatabase.connect(urls.getFirst(), server.user(), server.password(), SqlOptions.defaults());
             SqlDatabase nodeB = SqlDatabase.connect(urls.get(1 % urls.size()), server.user(), server.password(), SqlOptions.defaults())) {
            OrderSystem first = new OrderSystem(nodeA.storage(), InMemoryFastPath.create(clock), OrderSettings.defaults().withNodeId(1), clock);
            OrderSystem second = new OrderSystem(nodeB.storage(), InMemoryFastPath.create(clock), OrderSettings.defaults().withNodeId(2), clock);
            ProductId hot = first.manageCatalogue().create(new NewProduct("Hot " + UUID.randomUUID(), "", 100, STOCK, true)).id();

            AtomicLong placed = new AtomicLong();
            AtomicLong tryAgain = new AtomicLong();
            List<Throwable> unexpected = new ArrayList<>();
            ConcurrentHashMap<Class<?>, Long> refusals = new ConcurrentHashMap<>();
            List<Future<?>> buyers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2 * BUYERS_PER_INSTANCE)) {
                for (int i = 0; i < 2 * BUYERS_PER_INSTANCE; i++) {
                    OrderSystem instance = i % 2 == 0 ? first : second;
                    User user = first.registerUser().register("buyer-" + UUID.randomUUID().toString().substring(0, 12), "correct horse battery");
                    Address address = first.manageAddresses().add(user.id(), new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue"));
                    buyers.add(pool.submit(() -> {
                        // Buy one unit at a time until the product is sold out (or 4 × the stock tries, a bound, not a goal).
                        for (int attempt = 0; attempt < 4 * STOCK; attempt++) {
                            try {
                                instance.placeOrder().placeOrder(new PlaceOrderCommand(user.id(), List.of(new OrderLine(hot.value(), 1)),
                                        address.id().value(), PaymentMethod.WECHAT, Optional.of(UUID.randomUUID().toString())));
                                placed.incrementAndGet();
                            } catch (InsufficientStock soldOut) {
                                return null;
                            } catch (StoreContended contended) {
                                tryAgain.incrementAndGet(); // answered 50300: the buyer sends it again
                            } catch (RuntimeException e) {
                                if (e instanceof OrderSystemException) {
                                    refusals.merge(e.getClass(), 1L, Long::sum);
                                } else {
                                    synchronized (unexpected) {
                                        unexpected.add(e);
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> buyer : buyers) buyer.get();
            }

            assertThat(unexpected).as("failures a buyer would see as 500").isEmpty();
            assertThat(refusals).as("refusals other than sold out").isEmpty();
            assertThat(placed.get()).as("orders placed (%d answered 50300 and sent again)", tryAgain.get()).isEqualTo(STOCK);
            assertThat(nodeA.storage().stock().available(hot)).isZero();
            AuditReport audit = first.audit().run();
            assertThat(audit.violations()).as("DESIGN §7 invariants").isEmpty();
            System.out.printf("hot product across %d node(s): %d placed, %d answered 50300, retries on the nodes: %s / %s%n",
                    Math.min(urls.size(), 2), placed.get(), tryAgain.get(), nodeA.transactionRetries(), nodeB.transactionRetries());
        } finally {
            server.dropSchema(schema);
        }
    }
}
