package dev.ordersystem.mysql;

import dev.ordersystem.core.audit.AuditReport;
import dev.ordersystem.core.audit.InvariantAudit;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ordersystem.mysql.Fixtures.HOME;
import static dev.ordersystem.mysql.Fixtures.cny;
import static dev.ordersystem.mysql.Fixtures.now;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many transactions at once on few connections: no oversell, no overdraw, one winner per race,
 * deadlocks retried out of sight, and the DESIGN §7 invariants intact afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlConcurrencyBehaviour {
    private TestStore store;
    Storage storage;
    Fixtures fixtures;

    abstract TestStore openStore();

    @BeforeAll
    void open() {
        store = openStore();
        storage = store.database().storage();
        fixtures = new Fixtures(storage);
    }

    @AfterAll
    void close() {
        if (store != null) store.close();
    }

    @Test
    void three_hundred_placements_for_thirty_units_sell_exactly_thirty() throws Exception {
        Product product = fixtures.product(990, 30);
        User buyer = fixtures.user(0);
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Order>> placements = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            placements.add(() -> {
                try {
                    return storage.transactions().inTransaction(() -> {
                        storage.stock().reserve(List.of(new StockLine(product.id(), 1)));
                        Order order = Fixtures.pending(buyer, product, 1, now().plusSeconds(1800));
                        storage.orders().add(order);
                        return order;
                    });
                } catch (InsufficientStock e) {
                    refused.incrementAndGet();
                    return null;
                }
            });
        }
        List<Order> placed = runAll(placements, 32).stream().filter(o -> o != null).toList();

        assertThat(placed).hasSize(30);
        assertThat(refused).hasValue(270);
        assertThat(storage.stock().available(product.id())).isZero();
        assertInvariants();
    }

    @Test
    void concurrent_debits_never_overdraw() throws Exception {
        User user = fixtures.user(500);
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Boolean>> debits = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String reference = "debit-" + user.id() + "-" + i;
            debits.add(() -> {
                try {
                    storage.balances().debit(user.id(), cny(10), BalanceReason.ORDER_PAYMENT, reference);
                    return true;
                } catch (InsufficientBalance e) {
                    refused.incrementAndGet();
                    return false;
                }
            });
        }
        long succeeded = runAll(debits, 32).stream().filter(ok -> ok).count();

        assertThat(succeeded).isEqualTo(50);
        assertThat(refused).hasValue(50);
        assertThat(storage.balances().balance(user.id())).isEqualTo(cny(0));
        assertThat(storage.balances().journal(user.id())).hasSize(51);
    }

    @Test
    void orders_naming_two_products_in_opposite_order_all_complete() throws Exception {
        Product a = fixtures.product(100, 1_000);
        Product b = fixtures.product(200, 1_000);
        User buyer = fixtures.user(0);
        List<Callable<Order>> placements = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            boolean aFirst = i % 2 == 0;
            placements.add(() -> storage.transactions().inTransaction(() -> {
                storage.stock().reserve(aFirst
                        ? List.of(new StockLine(a.id(), 1), new StockLine(b.id(), 1))
                        : List.of(new StockLine(b.id(), 1), new StockLine(a.id(), 1)));
                Order order = Order.pending(Fixtures.nextOrderNo(), buyer.id(), PaymentMethod.WECHAT,
                        aFirst ? List.of(OrderItem.of(a, 1), OrderItem.of(b, 1)) : List.of(OrderItem.of(b, 1), OrderItem.of(a, 1)),
                        HOME, now(), now().plusSeconds(1800), null, null);
                storage.orders().add(order);
                return order;
            }));
        }
        assertThat(runAll(placements, 32)).hasSize(100).doesNotContainNull();
        assertThat(storage.stock().available(a.id())).isEqualTo(900);
        assertThat(storage.stock().available(b.id())).isEqualTo(900);
        assertInvariants();
    }

    @Test
    void a_deadlock_is_retried_out_of_sight() throws Exception {
        Product a = fixtures.product(100, 100);
        Product b = fixtures.product(100, 100);
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        // Locks rows in opposite order on purpose (adjust bypasses the ascending-id rule): on the
        // first run both threads hold one row and wait for the other's, and one of them is the victim.
        List<Callable<Long>> crossing = List.of(
                () -> crossAdjust(a, b, bothHoldOne, runs),
                () -> crossAdjust(b, a, bothHoldOne, runs));
        assertThat(runAll(crossing, 2)).hasSize(2);
        assertThat(runs.get()).as("transaction runs, including retries").isGreaterThan(2);
        assertThat(storage.stock().available(a.id())).isEqualTo(102);
        assertThat(storage.stock().available(b.id())).isEqualTo(102);
    }

    private long crossAdjust(Product first, Product second, CyclicBarrier barrier, AtomicInteger runs) {
        AtomicInteger mine = new AtomicInteger();
        return storage.transactions().inTransaction(() -> {
            runs.incrementAndGet();
            storage.stock().adjust(first.id(), 1, "cross");
            if (mine.incrementAndGet() == 1) {
                try {
                    barrier.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            storage.stock().adjust(second.id(), 1, "cross");
            return storage.stock().available(second.id());
        });
    }

    @Test
    void cancel_and_pay_race_for_one_order_and_one_wins() throws Exception {
        User buyer = fixtures.user(0);
        Product product = fixtures.product(100, 100);
        for (int round = 0; round < 20; round++) {
            Order order = storage.transactions().inTransaction(() -> {
                storage.stock().reserve(List.of(new StockLine(product.id(), 1)));
                Order o = Fixtures.pending(buyer, product, 1, now().plusSeconds(1800));
                storage.orders().add(o);
                return o;
            });
            AtomicInteger losers = new AtomicInteger();
            List<Callable<OrderStatus>> racers = List.of(
                    () -> transition(order, o -> {
                        Order paid = o.pay(PaymentMethod.WECHAT, now());
                        storage.payments().add(new PaymentRecord(PaymentChannel.WECHAT, "T" + o.orderNo(), o.orderNo(),
                                o.payAmount(), now(), PaymentStatus.SUCCEEDED, "{}", now()));
                        return paid;
                    }, losers),
                    () -> transition(order, o -> {
                        storage.stock().release(o.stockLines());
                        return o.cancel(CancelReason.BY_USER, now());
                    }, losers));
            List<OrderStatus> outcomes = runAll(racers, 2).stream().filter(s -> s != null).toList();
            assertThat(outcomes).hasSize(1);
            assertThat(losers).hasValue(1);
            assertThat(storage.orders().find(order.orderNo())).get().extracting(Order::status).isEqualTo(outcomes.getFirst());
        }
        assertInvariants();
    }

    private OrderStatus transition(Order order, java.util.function.UnaryOperator<Order> move, AtomicInteger losers) {
        try {
            return storage.transactions().inTransaction(() -> {
                Order locked = storage.orders().lock(order.orderNo()).orElseThrow();
                Order moved = move.apply(locked);
                storage.orders().update(moved, locked.status());
                return moved.status();
            });
        } catch (TransitionNotAllowed e) {
            losers.incrementAndGet();
            return null;
        }
    }

    private void assertInvariants() {
        AuditReport report = new InvariantAudit(storage.audit(), Duration.ofMinutes(1), Clock.systemUTC()).run();
        assertThat(report.violations()).isEmpty();
    }

    static <T> List<T> runAll(List<Callable<T>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(tasks, 120, TimeUnit.SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) results.add(future.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
