package dev.ordersystem.core.contract;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §7 under concurrency: no oversell, one payment per notification, one winner per race,
 * no deadlock, no order swept twice. The sizes are methods so a slower store can run smaller races.
 */
public abstract class AbstractOrderConcurrencyTest extends AbstractOrderSystemTest {

    protected int buyers() { return 500; }
    protected int units() { return 50; }
    protected int notificationCopies() { return 200; }
    protected int cancelPayRaces() { return 1_000; }
    protected int oppositeOrderThreads() { return 100; }
    protected int overdueOrders() { return 120; }
    protected int threads() { return 32; }
    protected Duration limit() { return Duration.ofMinutes(2); }

    @Test
    void manyBuyersOfAFewUnitsNeverOversell() throws Exception {
        ProductId hot = newProduct(990, units());
        List<Buyer> crowd = new ArrayList<>();
        for (int i = 0; i < buyers(); i++) crowd.add(newBuyer(i % 2 == 0 ? 1_000 : 0));
        List<Callable<Order>> tasks = new ArrayList<>();
        for (int i = 0; i < crowd.size(); i++) {
            Buyer buyer = crowd.get(i);
            PaymentMethod method = i % 2 == 0 ? PaymentMethod.BALANCE : PaymentMethod.WECHAT;
            tasks.add(() -> place(buyer, method, line(hot, 1)));
        }

        var results = Race.run(threads(), tasks, limit());

        assertThat(results.stream().filter(Race.Result::succeeded)).hasSize(units());
        assertThat(results.stream().filter(r -> !r.succeeded()).map(Race.Result::error))
                .allSatisfy(e -> assertThat(e).isInstanceOf(InsufficientStock.class));
        assertThat(available(hot)).isZero();
        assertInvariantsHold();
    }

    @Test
    void parallelCopiesOfOneNotificationPayOnce() throws Exception {
        ProductId tea = newProduct(1_500, 10);
        Order pending = place(newBuyer(0), PaymentMethod.WECHAT, line(tea, 2));
        List<Callable<PaymentOutcome>> copies = new ArrayList<>();
        for (int i = 0; i < notificationCopies(); i++) copies.add(() -> PaymentNotifications.apply(system, pending, "wx-storm"));

        var results = Race.run(threads(), copies, limit());

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(results).filteredOn(r -> r.value() == PaymentOutcome.PAID).hasSize(1);
        assertThat(results).extracting(Race.Result::value)
                .isSubsetOf(PaymentOutcome.PAID, PaymentOutcome.DUPLICATE, PaymentOutcome.BUSY);
        assertThat(storage.payments().findByOrder(pending.orderNo())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(PaymentStatus.SUCCEEDED));
        assertThat(storage.orders().find(pending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertInvariantsHold();
    }

    @Test
    void cancelRacingPaymentHasExactlyOneWinner() throws Exception {
        ProductId tea = newProduct(300, cancelPayRaces());
        Buyer buyer = newBuyer(300L * cancelPayRaces());
        int paidByBalance = 0;
        int paidByChannel = 0;
        int cancelled = 0;
        for (int round = 0; round < cancelPayRaces(); round++) {
            Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
            boolean byBalance = round % 2 == 0;
            String trade = "wx-race-" + pending.orderNo();
            Callable<Object> pay = byBalance
                    ? () -> system.payByBalance().pay(buyer.userId(), pending.orderNo())
                    : () -> PaymentNotifications.apply(system, pending, trade);
            Callable<Object> cancel = () -> system.cancelOrder().cancelByUser(buyer.userId(), pending.orderNo());

            var results = Race.run(2, List.of(pay, cancel), limit());

            Order settled = storage.orders().find(pending.orderNo()).orElseThrow();
            var payResult = results.get(0);
            var cancelResult = results.get(1);
            if (settled.status() == OrderStatus.PAID) {
                assertThat(cancelResult.error()).isInstanceOf(TransitionNotAllowed.class);
                assertThat(payResult.error()).isNull();
                if (byBalance) paidByBalance++; else paidByChannel++;
            } else {
                assertThat(settled.status()).isEqualTo(OrderStatus.CANCELLED);
                assertThat(cancelResult.error()).isNull();
                if (byBalance) {
                    assertThat(payResult.error()).isInstanceOf(TransitionNotAllowed.class);
                } else {
                    assertThat(payResult.value()).isEqualTo(PaymentOutcome.REFUND_REQUIRED);
                }
                cancelled++;
            }
        }

        assertThat(paidByBalance + paidByChannel + cancelled).isEqualTo(cancelPayRaces());
        assertThat(available(tea)).isEqualTo(cancelled);
        assertThat(balance(buyer.userId())).isEqualTo(300L * (cancelPayRaces() - paidByBalance));
        assertInvariantsHold();
    }

    @Test
    void productsLockedInOppositeOrdersNeverDeadlock() throws Exception {
        ProductId a = newProduct(100, 10_000);
        ProductId b = newProduct(200, 10_000);
        List<Buyer> crowd = new ArrayList<>();
        for (int i = 0; i < oppositeOrderThreads(); i++) crowd.add(newBuyer(1_000));
        List<Callable<Order>> tasks = new ArrayList<>();
        for (int i = 0; i < crowd.size(); i++) {
            Buyer buyer = crowd.get(i);
            boolean aFirst = i % 2 == 0;
            tasks.add(() -> aFirst
                    ? place(buyer, PaymentMethod.BALANCE, line(a, 1), line(b, 2))
                    : place(buyer, PaymentMethod.BALANCE, line(b, 2), line(a, 1)));
        }

        var results = Race.run(threads(), tasks, limit());

        assertThat(results).allSatisfy(r -> assertThat(r.error()).as("placement error").isNull());
        assertThat(available(a)).isEqualTo(10_000 - oppositeOrderThreads());
        assertThat(available(b)).isEqualTo(10_000 - 2L * oppositeOrderThreads());
        assertInvariantsHold();
    }

    @Test
    void twoInstancesSweepingSideBySideCancelEachOverdueOrderOnce() throws Exception {
        ProductId tea = newProduct(100, overdueOrders() + 80);
        Buyer buyer = newBuyer(0);
        for (int i = 0; i < overdueOrders(); i++) place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        assertThat(available(tea)).isEqualTo(80);
        // Half an hour after every payment window has closed, two instances sweep in small batches.
        clock.advance(settings().paymentTimeout().plusMinutes(30));
        int overdue = storage.audit().pendingExpiredBefore(clock.instant()).size(); // these, and any an earlier test of the class left
        assertThat(overdue).isGreaterThanOrEqualTo(overdueOrders());
        OrderSettings smallBatches = settings().withNodeId(1).withSweepBatch(10);
        OrderSystem first = new OrderSystem(storage, InMemoryFastPath.create(clock), smallBatches, shipping(), clock);
        OrderSystem second = new OrderSystem(storage, InMemoryFastPath.create(clock), smallBatches.withNodeId(2), shipping(), clock);

        var results = Race.run(2, List.<Callable<Integer>>of(() -> first.sweepOverdue().sweep(),
                () -> second.sweepOverdue().sweep()), limit());

        assertThat(results).allSatisfy(r -> assertThat(r.error()).as("sweep error").isNull());
        assertThat(results.get(0).value() + results.get(1).value()).isEqualTo(overdue);
        assertThat(storage.audit().pendingExpiredBefore(clock.instant())).isEmpty();
        assertThat(available(tea)).isEqualTo(overdueOrders() + 80);
        assertInvariantsHold();
    }
}
