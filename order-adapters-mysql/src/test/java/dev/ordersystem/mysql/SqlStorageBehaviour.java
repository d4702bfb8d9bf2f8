package dev.ordersystem.mysql;

import dev.ordersystem.core.contract.Race;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderNumberTaken;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ordersystem.mysql.Fixtures.cny;
import static dev.ordersystem.mysql.Fixtures.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only the SQL adapters promise, beyond the port contracts they pass like every store:
 * domain errors (not SQL exceptions) at the edges of the schema, multi-row group writes that are
 * all or nothing on their own, statement shapes of any length, SKIP LOCKED sweeps and deadlocks
 * retried out of sight. Runs once per store kind, from {@link SqlStoreContracts}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlStorageBehaviour {
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
    void the_database_is_ready() {
        assertThat(store.database().readiness().state()).isEqualTo(Readiness.State.READY);
    }

    @Test
    void values_longer_than_their_columns_are_refused_as_validation_failures_naming_the_field() {
        assertThatThrownBy(() -> storage.catalogue().add("x".repeat(201), "d", cny(100), true))
                .isInstanceOfSatisfying(ValidationFailed.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        Product fits = storage.catalogue().add("x".repeat(200), "好".repeat(2000), cny(100), true);
        assertThat(storage.catalogue().find(fits.id())).contains(fits);

        Product p = fixtures.product(100, 7);
        assertThatThrownBy(() -> storage.stock().adjust(p.id(), 1, "r".repeat(201)))
                .isInstanceOfSatisfying(ValidationFailed.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("reason"));
        assertThatThrownBy(() -> storage.stock().adjust(p.id(), Long.MAX_VALUE, "overflow"))
                .isInstanceOf(ValidationFailed.class);
        assertThat(storage.stock().available(p.id())).isEqualTo(7);

        assertThatThrownBy(() -> storage.users().register("n".repeat(65), "h", now()))
                .isInstanceOf(ValidationFailed.class);

        User owner = fixtures.user(0);
        assertThatThrownBy(() -> storage.addresses().add(owner.id(), new ShippingAddress("r".repeat(65), "1", "2", "3")))
                .isInstanceOfSatisfying(ValidationFailed.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("recipient"));
        assertThat(storage.addresses().list(owner.id())).isEmpty();

        Order order = Fixtures.pending(owner, p, 1, now().plusSeconds(60));
        assertThatThrownBy(() -> storage.payments().add(new PaymentRecord(PaymentChannel.ALIPAY, "t".repeat(65),
                order.orderNo(), cny(1), now(), PaymentStatus.SUCCEEDED, "", now())))
                .isInstanceOf(ValidationFailed.class);
        assertThat(storage.payments().findByOrder(order.orderNo())).isEmpty();
    }

    @Test
    void a_balance_opened_twice_is_a_duplicate_not_a_second_account() {
        User u = fixtures.user(300);
        assertThatThrownBy(() -> storage.balances().open(u.id())).isInstanceOf(DuplicateSubmission.class);
        assertThat(storage.balances().balance(u.id())).isEqualTo(cny(300));
    }

    @Test
    void a_group_with_one_too_long_field_is_refused_naming_it_and_nothing_is_written() {
        User u = fixtures.user(0);
        Product p = fixtures.product(100, 10);
        Order fits = Fixtures.pending(u, p, 1, now().plusSeconds(600));
        Order tooLong = Order.pending(Fixtures.nextOrderNo(), u.id(), PaymentMethod.WECHAT, List.of(OrderItem.of(p, 1)),
                new ShippingAddress("x".repeat(65), "1", "r", "d"), now(), now().plusSeconds(600), null, null);

        assertThatThrownBy(() -> storage.orders().addAll(List.of(fits, tooLong)))
                .isInstanceOfSatisfying(ValidationFailed.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("shippingAddress.recipient"));
        assertThat(storage.orders().find(fits.orderNo())).isEmpty();
    }

    @Test
    void a_group_added_outside_a_transaction_is_all_or_none() {
        User u = fixtures.user(0);
        Product p = fixtures.product(100, 10);
        Order stored = Fixtures.pending(u, p, 1, now().plusSeconds(600));
        storage.orders().add(stored);
        Order fresh = Fixtures.pending(u, p, 2, now().plusSeconds(600));

        assertThatThrownBy(() -> storage.orders().addAll(List.of(fresh, stored))).isInstanceOf(OrderNumberTaken.class);
        assertThat(storage.orders().find(fresh.orderNo())).isEmpty();

        Order other = Fixtures.pending(u, p, 3, now().plusSeconds(600));
        storage.orders().addAll(List.of(fresh, other));
        assertThat(storage.orders().find(fresh.orderNo())).contains(fresh);
        assertThat(storage.orders().find(other.orderNo())).contains(other);
    }

    @Test
    void groups_and_id_lists_longer_than_the_kept_statement_shapes_work_alike() {
        User u = fixtures.user(0);
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < 70; i++) products.add(fixtures.product(100 + i, 10));
        List<Order> group = new ArrayList<>();
        for (Product p : products) group.add(Fixtures.pending(u, p, 1, now().plusSeconds(600)));

        storage.orders().addAll(group);

        assertThat(storage.catalogue().findAll(products.stream().map(Product::id).toList()).values())
                .containsExactlyElementsOf(products);
        for (Order order : group) assertThat(storage.orders().find(order.orderNo())).contains(order);
    }

    @Test
    void the_sweep_skips_orders_another_transaction_holds() throws Exception {
        User u = fixtures.user(0);
        Product p = fixtures.product(10, 100);
        List<Order> overdue = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Order o = Fixtures.pending(u, p, 1, now().minusSeconds(60 - i));
            storage.orders().add(o);
            overdue.add(o);
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> storage.transactions().inTransaction(() -> {
            storage.orders().lock(overdue.get(0).orderNo());
            held.countDown();
            await(release);
        }));
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            List<Order> swept = storage.transactions().inTransaction(() -> storage.orders().lockOverdue(now(), 100));
            assertThat(swept).extracting(Order::orderNo)
                    .contains(overdue.get(1).orderNo(), overdue.get(2).orderNo(), overdue.get(3).orderNo())
                    .doesNotContain(overdue.get(0).orderNo());
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(storage.transactions().inTransaction(() -> storage.orders().lockOverdue(now(), 100)))
                .extracting(Order::orderNo).contains(overdue.get(0).orderNo());
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
        assertThat(Race.run(2, crossing, Duration.ofMinutes(2))).allSatisfy(r -> assertThat(r.error()).isNull());
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

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("latch timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
