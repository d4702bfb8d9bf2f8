package dev.ordersystem.mysql;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.audit.AuditReport;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.order.OrderLine;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ordersystem.mysql.Fixtures.HOME;
import static dev.ordersystem.mysql.SqlConcurrencyBehaviour.runAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's use cases over the SQL store, many at once: the flows DESIGN §4 describes, with the
 * §7 audit clean after each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlOrderFlowsBehaviour {
    private static final OrderSettings SETTINGS = OrderSettings.defaults().withPasswordIterations(1_000);

    private TestStore store;
    private Storage storage;
    private Fixtures fixtures;
    private OrderSystem shop;

    abstract TestStore openStore();

    @BeforeAll
    void open() {
        store = openStore();
        storage = store.database().storage();
        fixtures = new Fixtures(storage);
        shop = new OrderSystem(storage, InMemoryFastPath.create(Clock.systemUTC()), SETTINGS, Clock.systemUTC());
    }

    @AfterAll
    void close() {
        if (store != null) store.close();
    }

    @Test
    void three_hundred_buyers_for_thirty_units_make_exactly_thirty_orders() throws Exception {
        Product product = fixtures.product(1_500, 30);
        User buyer = fixtures.user(0);
        Address address = storage.addresses().add(buyer.id(), HOME);
        AtomicInteger soldOut = new AtomicInteger();
        List<Callable<Order>> buyers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            buyers.add(() -> {
                try {
                    return shop.placeOrder().placeOrder(new PlaceOrderCommand(buyer.id(), List.of(new OrderLine(product.id().value(), 1)),
                            address.id().value(), PaymentMethod.WECHAT, Optional.of(UUID.randomUUID().toString())));
                } catch (InsufficientStock e) {
                    soldOut.incrementAndGet();
                    return null;
                }
            });
        }
        List<Order> orders = runAll(buyers, 48).stream().filter(o -> o != null).toList();

        assertThat(orders).hasSize(30);
        assertThat(soldOut).hasValue(270);
        assertThat(storage.stock().available(product.id())).isZero();
        assertClean();
    }

    @Test
    void buyers_naming_two_products_in_opposite_order_all_get_their_orders() throws Exception {
        Product a = fixtures.product(100, 500);
        Product b = fixtures.product(300, 500);
        User buyer = fixtures.user(100 * 400);
        Address address = storage.addresses().add(buyer.id(), HOME);
        List<Callable<Order>> buyers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<OrderLine> lines = i % 2 == 0
                    ? List.of(new OrderLine(a.id().value(), 1), new OrderLine(b.id().value(), 1))
                    : List.of(new OrderLine(b.id().value(), 1), new OrderLine(a.id().value(), 1));
            buyers.add(() -> shop.placeOrder().placeOrder(new PlaceOrderCommand(buyer.id(), lines, address.id().value(),
                    PaymentMethod.BALANCE, Optional.of(UUID.randomUUID().toString()))));
        }
        List<Order> orders = runAll(buyers, 48);

        assertThat(orders).hasSize(100).allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.PAID));
        assertThat(storage.stock().available(a.id())).isEqualTo(400);
        assertThat(storage.stock().available(b.id())).isEqualTo(400);
        assertThat(storage.balances().balance(buyer.id()).minor()).isZero();
        assertClean();
    }

    @Test
    void a_cancel_racing_a_payment_notification_has_one_winner_and_loses_no_money() throws Exception {
        Product product = fixtures.product(800, 100);
        User buyer = fixtures.user(0);
        Address address = storage.addresses().add(buyer.id(), HOME);
        for (int round = 0; round < 20; round++) {
            Order order = shop.placeOrder().placeOrder(new PlaceOrderCommand(buyer.id(), List.of(new OrderLine(product.id().value(), 1)),
                    address.id().value(), PaymentMethod.ALIPAY, Optional.of(UUID.randomUUID().toString())));
            VerifiedPayment payment = new VerifiedPayment(PaymentChannel.ALIPAY, order.orderNo(), "A" + order.orderNo(),
                    order.payAmount(), Fixtures.now(), "{}");
            List<Callable<String>> racers = List.of(
                    () -> shop.applyPayment().apply(payment).name(),
                    () -> {
                        try {
                            return shop.cancelOrder().cancelByUser(buyer.id(), order.orderNo()).status().name();
                        } catch (TransitionNotAllowed e) {
                            return "CANCEL_REFUSED";
                        }
                    });
            List<String> outcomes = runAll(racers, 2);
            Order after = storage.orders().find(order.orderNo()).orElseThrow();
            if (after.status() == OrderStatus.PAID) {
                assertThat(outcomes).containsExactly(PaymentOutcome.PAID.name(), "CANCEL_REFUSED");
            } else {
                assertThat(after.status()).isEqualTo(OrderStatus.CANCELLED);
                assertThat(outcomes).containsExactly(PaymentOutcome.REFUND_REQUIRED.name(), OrderStatus.CANCELLED.name());
                assertThat(storage.payments().find(PaymentChannel.ALIPAY, payment.tradeNo())).get()
                        .extracting(r -> r.status()).isEqualTo(PaymentStatus.REFUND_REQUIRED);
            }
        }
        assertClean();
    }

    @Test
    void two_sweepers_cancel_every_overdue_order_exactly_once() throws Exception {
        Product product = fixtures.product(100, 200);
        User buyer = fixtures.user(0);
        Address address = storage.addresses().add(buyer.id(), HOME);
        for (int i = 0; i < 120; i++) {
            shop.placeOrder().placeOrder(new PlaceOrderCommand(buyer.id(), List.of(new OrderLine(product.id().value(), 1)),
                    address.id().value(), PaymentMethod.WECHAT, Optional.of(UUID.randomUUID().toString())));
        }
        assertThat(storage.stock().available(product.id())).isEqualTo(80);
        // Two instances an hour later, when every payment window has closed, sweeping side by side.
        Clock later = Clock.offset(Clock.systemUTC(), SETTINGS.paymentTimeout().plusMinutes(30));
        OrderSettings smallBatches = SETTINGS.withNodeId(1).withSweepBatch(10);
        int overdue = storage.audit().pendingExpiredBefore(later.instant()).size(); // this test's 120, and any left by others
        assertThat(overdue).isGreaterThanOrEqualTo(120);
        OrderSystem first = new OrderSystem(storage, InMemoryFastPath.create(later), smallBatches, later);
        OrderSystem second = new OrderSystem(storage, InMemoryFastPath.create(later), smallBatches.withNodeId(2), later);
        List<Integer> swept = runAll(List.<Callable<Integer>>of(() -> first.sweepOverdue().sweep(),
                () -> second.sweepOverdue().sweep()), 2);

        assertThat(swept.get(0) + swept.get(1)).isEqualTo(overdue);
        assertThat(storage.audit().pendingExpiredBefore(later.instant())).isEmpty();
        assertThat(storage.stock().available(product.id())).isEqualTo(200);
        assertThat(first.audit().run().violations()).isEmpty();
    }

    private void assertClean() {
        AuditReport report = shop.audit().run();
        assertThat(report.violations()).isEmpty();
    }

}
