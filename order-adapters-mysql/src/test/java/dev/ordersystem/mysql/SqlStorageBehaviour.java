package dev.ordersystem.mysql;

import dev.ordersystem.core.port.AccessTokens;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.DuplicatePaymentRecord;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.IdempotencyKeyTaken;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.OrderNumberTaken;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UsernameTaken;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.ordersystem.mysql.Fixtures.HOME;
import static dev.ordersystem.mysql.Fixtures.cny;
import static dev.ordersystem.mysql.Fixtures.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the SQL adapters promise beyond the shapes of the ports: row locks, guarded writes,
 * all-or-nothing port calls, and domain errors (not SQL exceptions) at the edges of the schema.
 * Runs against the server through both drivers and against embedded H2.
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
    void a_too_long_product_name_is_refused_naming_the_field() {
        assertThatThrownBy(() -> storage.catalogue().add("x".repeat(201), "d", cny(100), true))
                .isInstanceOfSatisfying(ValidationFailed.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        Product fits = storage.catalogue().add("x".repeat(200), "好".repeat(2000), cny(100), true);
        assertThat(storage.catalogue().find(fits.id())).contains(fits);
    }

    @Test
    void products_page_in_ascending_id() {
        List<ProductId> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) added.add(fixtures.product(100 + i, 1).id());
        List<ProductId> seen = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<Product> page = storage.catalogue().page(new PageRequest(after, 2));
            page.items().forEach(p -> seen.add(p.id()));
            after = page.next();
        } while (after.isPresent());
        assertThat(seen).containsSubsequence(added).isSorted();
        assertThatThrownBy(() -> storage.catalogue().page(new PageRequest(Optional.of("junk"), 2)))
                .isInstanceOf(ValidationFailed.class);
    }

    @Test
    void reserve_takes_all_lines_or_none() {
        Product plenty = fixtures.product(100, 10);
        Product scarce = fixtures.product(200, 1);
        List<StockLine> lines = List.of(new StockLine(plenty.id(), 3), new StockLine(scarce.id(), 2));
        assertThatThrownBy(() -> storage.stock().reserve(lines))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.productId()).isEqualTo(scarce.id()));
        assertThat(storage.stock().available(plenty.id())).isEqualTo(10);

        // even inside a caller's transaction that catches the refusal and commits
        storage.transactions().inTransaction(() -> {
            assertThatThrownBy(() -> storage.stock().reserve(lines)).isInstanceOf(InsufficientStock.class);
        });
        assertThat(storage.stock().available(plenty.id())).isEqualTo(10);
        assertThat(storage.stock().available(scarce.id())).isEqualTo(1);

        storage.stock().reserve(List.of(new StockLine(scarce.id(), 1), new StockLine(plenty.id(), 3)));
        assertThat(storage.stock().available(plenty.id())).isEqualTo(7);
        assertThat(storage.stock().available(scarce.id())).isZero();
        storage.stock().release(List.of(new StockLine(plenty.id(), 3)));
        assertThat(storage.stock().available(plenty.id())).isEqualTo(10);
    }

    @Test
    void reserving_a_product_without_stock_row_is_unavailable() {
        assertThatThrownBy(() -> storage.stock().reserve(List.of(new StockLine(new ProductId(987_654_321L), 1))))
                .isInstanceOf(ProductUnavailable.class);
    }

    @Test
    void adjustments_never_take_stock_below_zero_and_are_recorded() {
        Product p = fixtures.product(100, 5);
        assertThatThrownBy(() -> storage.stock().adjust(p.id(), -6, "shrinkage"))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.productId()).isEqualTo(p.id()));
        storage.stock().adjust(p.id(), -5, "shrinkage");
        storage.stock().adjust(p.id(), 7, "delivery");
        assertThat(storage.stock().available(p.id())).isEqualTo(7);
        assertThat(storage.audit().stockFigures()).filteredOn(s -> s.productId().equals(p.id()))
                .singleElement().satisfies(s -> {
                    assertThat(s.recorded()).isEqualTo(7);
                    assertThat(s.available()).isEqualTo(7);
                    assertThat(s.heldByOrders()).isZero();
                });
        assertThatThrownBy(() -> storage.stock().adjust(p.id(), 1, "r".repeat(201)))
                .isInstanceOfSatisfying(ValidationFailed.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("reason"));
        assertThatThrownBy(() -> storage.stock().adjust(p.id(), Long.MAX_VALUE, "overflow"))
                .isInstanceOf(ValidationFailed.class);
        assertThat(storage.stock().available(p.id())).isEqualTo(7);
        assertThatThrownBy(() -> storage.stock().available(new ProductId(987_654_321L))).isInstanceOf(NotFound.class);
    }

    @Test
    void a_debit_never_overdraws_and_the_journal_refuses_a_second_payment() {
        User u = fixtures.user(1_000);
        assertThatThrownBy(() -> storage.balances().debit(u.id(), cny(1_001), BalanceReason.ORDER_PAYMENT, "o-1"))
                .isInstanceOf(InsufficientBalance.class);
        storage.balances().debit(u.id(), cny(600), BalanceReason.ORDER_PAYMENT, "o-1");
        storage.transactions().inTransaction(() -> {
            assertThatThrownBy(() -> storage.balances().debit(u.id(), cny(100), BalanceReason.ORDER_PAYMENT, "o-1"))
                    .isInstanceOf(DuplicateSubmission.class);
        });
        storage.balances().credit(u.id(), cny(600), BalanceReason.ORDER_REFUND, "o-1");
        assertThatThrownBy(() -> storage.balances().credit(u.id(), cny(600), BalanceReason.ORDER_REFUND, "o-1"))
                .isInstanceOf(DuplicateSubmission.class);
        assertThat(storage.balances().balance(u.id())).isEqualTo(cny(1_000));
        assertThat(storage.balances().journal(u.id())).extracting(e -> e.delta().minor())
                .containsExactly(1_000L, -600L, 600L);
        assertThat(storage.audit().balanceFigures()).filteredOn(b -> b.userId().equals(u.id()))
                .singleElement().satisfies(b -> assertThat(b.journalTotal()).isEqualTo(b.balance()).isEqualTo(1_000));
    }

    @Test
    void usernames_are_unique_whatever_their_case() {
        User u = fixtures.user(0);
        assertThatThrownBy(() -> storage.users().register(u.username().toUpperCase(), "h", now()))
                .isInstanceOf(UsernameTaken.class);
        assertThat(storage.users().credentials(u.username().toUpperCase())).get()
                .satisfies(c -> assertThat(c.userId()).isEqualTo(u.id()));
        assertThatThrownBy(() -> storage.users().register("n".repeat(65), "h", now()))
                .isInstanceOf(ValidationFailed.class);
    }

    @Test
    void tokens_resolve_until_revoked_or_expired() {
        User u = fixtures.user(0);
        String digest = "a".repeat(63) + (char) ('a' + (u.id().value() % 6));
        storage.tokens().store(digest, u.id(), now().plus(Duration.ofHours(1)));
        assertThat(storage.tokens().resolve(digest, now())).map(AccessTokens.Grant::userId).contains(u.id());
        assertThat(storage.tokens().resolve(digest, now().plus(Duration.ofHours(2)))).isEmpty();
        storage.tokens().revoke(digest);
        assertThat(storage.tokens().resolve(digest, now())).isEmpty();
    }

    @Test
    void another_users_address_is_never_found() {
        User owner = fixtures.user(0);
        User other = fixtures.user(0);
        var address = storage.addresses().add(owner.id(), HOME);
        assertThat(storage.addresses().find(other.id(), address.id())).isEmpty();
        assertThatThrownBy(() -> storage.addresses().remove(other.id(), address.id())).isInstanceOf(NotFound.class);
        assertThat(storage.addresses().list(owner.id())).containsExactly(address);
        assertThatThrownBy(() -> storage.addresses().add(owner.id(), new ShippingAddress("r".repeat(65), "1", "2", "3")))
                .isInstanceOfSatisfying(ValidationFailed.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("recipient"));
        storage.addresses().remove(owner.id(), address.id());
        assertThat(storage.addresses().list(owner.id())).isEmpty();
    }

    @Test
    void a_duplicate_trade_number_is_a_duplicate_payment_record() {
        Order order = Fixtures.pending(fixtures.user(0), fixtures.product(100, 5), 1, now().plusSeconds(60));
        PaymentRecord record = new PaymentRecord(PaymentChannel.WECHAT, "T" + order.orderNo(), order.orderNo(), cny(100),
                now(), PaymentStatus.REFUND_REQUIRED, "{\"raw\":\"好\"}", now());
        storage.payments().add(record);
        assertThatThrownBy(() -> storage.payments().add(record)).isInstanceOf(DuplicatePaymentRecord.class);
        assertThat(storage.payments().find(PaymentChannel.WECHAT, record.tradeNo())).contains(record);
        assertThatThrownBy(() -> storage.payments().add(new PaymentRecord(PaymentChannel.ALIPAY, "t".repeat(65),
                order.orderNo(), cny(1), now(), PaymentStatus.SUCCEEDED, "", now())))
                .isInstanceOf(ValidationFailed.class);

        storage.payments().update(record.withStatus(PaymentStatus.REFUNDED), PaymentStatus.REFUND_REQUIRED);
        assertThatThrownBy(() -> storage.payments().update(record.withStatus(PaymentStatus.REFUNDED), PaymentStatus.REFUND_REQUIRED))
                .isInstanceOf(NotFound.class);
        assertThat(storage.payments().findByOrder(order.orderNo())).extracting(PaymentRecord::status)
                .containsExactly(PaymentStatus.REFUNDED);
    }

    @Test
    void orders_round_trip_with_items_and_transitions_are_guarded() {
        User u = fixtures.user(0);
        Product a = fixtures.product(150, 5);
        Product b = fixtures.product(70, 5);
        Order order = Order.pending(Fixtures.nextOrderNo(), u.id(), PaymentMethod.ALIPAY,
                List.of(OrderItem.of(a, 2), OrderItem.of(b, 1)), HOME, now(), now().plusSeconds(1800), "key-1", "fp");
        storage.orders().add(order);
        assertThat(storage.orders().find(order.orderNo())).contains(order);
        assertThat(storage.orders().findByIdempotencyKey(u.id(), "key-1")).contains(order);

        Order again = Order.pending(Fixtures.nextOrderNo(), u.id(), PaymentMethod.ALIPAY, List.of(OrderItem.of(a, 1)),
                HOME, now(), now().plusSeconds(1800), "key-1", "fp");
        assertThatThrownBy(() -> storage.orders().add(again)).isInstanceOf(IdempotencyKeyTaken.class);
        assertThat(storage.orders().find(again.orderNo())).isEmpty();

        Order keyless = Fixtures.pending(u, a, 1, now().plusSeconds(60));
        storage.orders().add(keyless);
        assertThatThrownBy(() -> storage.orders().add(keyless)).isInstanceOf(OrderNumberTaken.class);
        assertThatThrownBy(() -> storage.balances().open(u.id())).isInstanceOf(DuplicateSubmission.class);

        Order paid = order.pay(PaymentMethod.ALIPAY, now());
        storage.orders().update(paid, OrderStatus.PENDING_PAYMENT);
        assertThatThrownBy(() -> storage.orders().update(order.cancel(CancelReason.BY_USER, now()), OrderStatus.PENDING_PAYMENT))
                .isInstanceOfSatisfying(TransitionNotAllowed.class, e -> assertThat(e.from()).isEqualTo(OrderStatus.PAID));
        assertThat(storage.orders().find(order.orderNo())).contains(paid);
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
    void a_users_orders_page_newest_first() {
        User u = fixtures.user(0);
        Product p = fixtures.product(10, 100);
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Order o = Fixtures.pending(u, p, 1, now().plusSeconds(600));
            storage.orders().add(o);
            placed.add(o);
        }
        Page<Order> first = storage.orders().findByUser(u.id(), Optional.empty(), PageRequest.first(3));
        assertThat(first.items()).containsExactly(placed.get(4), placed.get(3), placed.get(2));
        Page<Order> second = storage.orders().findByUser(u.id(), Optional.empty(), new PageRequest(first.next(), 3));
        assertThat(second.items()).containsExactly(placed.get(1), placed.get(0));
        assertThat(second.next()).isEmpty();
        assertThat(storage.orders().findByUser(u.id(), Optional.of(OrderStatus.PAID), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void a_failing_use_case_leaves_nothing_behind_in_any_port() {
        User u = fixtures.user(500);
        Product p = fixtures.product(100, 5);
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.stock().reserve(List.of(new StockLine(p.id(), 2)));
            storage.balances().debit(u.id(), cny(200), BalanceReason.ORDER_PAYMENT, "rolled-back");
            storage.transactions().inTransaction(() -> storage.stock().adjust(p.id(), 10, "nested")); // joins
            throw new IllegalStateException("the use case fails");
        })).hasMessage("the use case fails");
        assertThat(storage.stock().available(p.id())).isEqualTo(5);
        assertThat(storage.balances().balance(u.id())).isEqualTo(cny(500));
        assertThat(storage.balances().journal(u.id())).hasSize(1);
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

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("latch timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
