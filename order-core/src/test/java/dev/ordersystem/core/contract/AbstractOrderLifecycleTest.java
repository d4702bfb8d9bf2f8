package dev.ordersystem.core.contract;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StoreContended;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.order.ExpiryOutcome;
import dev.ordersystem.core.usecase.order.ShipmentDetails;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DESIGN §4.4–4.7: paying, cancelling, expiring, shipping, completing and refunding orders. */
public abstract class AbstractOrderLifecycleTest extends AbstractOrderSystemTest {

    @Test
    void payByBalanceDebitsOnceAndDropsTheExpiryJob() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(1_000);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));

        Order paid = system.payByBalance().pay(buyer.userId(), pending.orderNo());
        Order again = system.payByBalance().pay(buyer.userId(), pending.orderNo());

        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.paymentMethod()).isEqualTo(PaymentMethod.BALANCE);
        assertThat(again).isEqualTo(paid);
        assertThat(balance(buyer.userId())).isEqualTo(300);
        assertThat(fastPath.scheduler().claimDue(pending.expiresAt().plusSeconds(1), 10, Duration.ofSeconds(30))).isEmpty();
        assertInvariantsHold();
    }

    @Test
    void payByBalanceRefusesShortFundsOthersOrdersAndSettledOrders() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(500);
        Buyer stranger = newBuyer(5_000);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));

        assertThatThrownBy(() -> system.payByBalance().pay(buyer.userId(), pending.orderNo())).isInstanceOf(InsufficientBalance.class);
        assertThatThrownBy(() -> system.payByBalance().pay(stranger.userId(), pending.orderNo())).isInstanceOf(NotFound.class);
        system.cancelOrder().cancelByUser(buyer.userId(), pending.orderNo());
        assertThatThrownBy(() -> system.payByBalance().pay(buyer.userId(), pending.orderNo()))
                .isInstanceOfSatisfying(TransitionNotAllowed.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSITION_NOT_ALLOWED));
        assertThat(balance(buyer.userId())).isEqualTo(500);
        assertThat(balance(stranger.userId())).isEqualTo(5_000);
        assertInvariantsHold();
    }

    @Test
    void userCancelGivesStockBackOnceAndIsIdempotent() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.ALIPAY, line(tea, 3));

        Order cancelled = system.cancelOrder().cancelByUser(buyer.userId(), pending.orderNo());
        Order again = system.cancelOrder().cancelByUser(buyer.userId(), pending.orderNo());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo(CancelReason.BY_USER);
        assertThat(cancelled.cancelledAt()).isEqualTo(clock.instant());
        assertThat(again).isEqualTo(cancelled);
        assertThat(available(tea)).isEqualTo(5);
        assertInvariantsHold();
    }

    @Test
    void cancelRefusesPaidOrdersAndOthersOrders() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(1_000);
        Buyer stranger = newBuyer(0);
        Order paid = place(buyer, PaymentMethod.BALANCE, line(tea, 1));
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));

        assertThatThrownBy(() -> system.cancelOrder().cancelByUser(buyer.userId(), paid.orderNo())).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> system.cancelOrder().cancelByUser(stranger.userId(), pending.orderNo())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> system.cancelOrder().cancelByUser(buyer.userId(), new OrderNo("99990101000000000999999")))
                .isInstanceOf(NotFound.class);
        assertThat(system.cancelOrder().cancelByAdmin(pending.orderNo()).cancelReason()).isEqualTo(CancelReason.BY_ADMIN);
        assertThat(available(tea)).isEqualTo(4);
        assertInvariantsHold();
    }

    @Test
    void expiryJobCancelsOnlyWhenDueAndOnlyPendingOrders() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(1_000);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 2));
        Order paid = place(buyer, PaymentMethod.BALANCE, line(tea, 1));

        assertThat(system.expireOrder().expire(pending.orderNo())).isEqualTo(ExpiryOutcome.NOT_DUE);
        clock.advance(Duration.ofMinutes(30));
        assertThat(system.expireOrder().expire(pending.orderNo())).isEqualTo(ExpiryOutcome.EXPIRED);
        assertThat(system.expireOrder().expire(pending.orderNo())).isEqualTo(ExpiryOutcome.SETTLED);
        assertThat(system.expireOrder().expire(paid.orderNo())).isEqualTo(ExpiryOutcome.SETTLED);
        assertThat(system.expireOrder().expire(new OrderNo("99990101000000000999998"))).isEqualTo(ExpiryOutcome.UNKNOWN_ORDER);

        Order expired = storage.orders().find(pending.orderNo()).orElseThrow();
        assertThat(expired.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(expired.cancelReason()).isEqualTo(CancelReason.PAYMENT_TIMEOUT);
        assertThat(available(tea)).isEqualTo(4);
        assertInvariantsHold();
    }

    @Test
    void expiryWorkerRunsDueJobsFromTheQueue() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 2));

        assertThat(system.expiryWorker().runDueJobs()).isZero();
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertThat(system.expiryWorker().runDueJobs()).isEqualTo(1);
        assertThat(system.expiryWorker().expiredTotal()).isEqualTo(1);

        assertThat(storage.orders().find(pending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(system.expiryWorker().runDueJobs()).isZero();
        assertThat(available(tea)).isEqualTo(5);
    }

    @Test
    void aSweepWhoseBatchesAreRefusedForConflictsGoesOnInSmallerOnes() {
        ProductId tea = newProduct(700, 50);
        Buyer buyer = newBuyer(0);
        List<Order> lost = new ArrayList<>();
        for (int i = 0; i < 7; i++) lost.add(place(buyer, PaymentMethod.WECHAT, line(tea, 1)));
        lost.forEach(order -> fastPath.scheduler().cancel(order.orderNo())); // only the sweep will find them
        clock.advance(settings().paymentTimeout().plusMinutes(1));
        // As a Galera node answers a big batch while other nodes keep writing the same stock rows:
        // every transaction that cancelled more than 3 orders is refused at its end, and rolled back.
        Transactions refusingBigBatches = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return storage.transactions().inTransaction(() -> {
                    T done = work.get();
                    if (done instanceof List<?> cancelled && cancelled.size() > 3) {
                        throw new StoreContended("certification failed", new IllegalStateException("test"));
                    }
                    return done;
                });
            }
        };
        OrderSystem sweeping = new OrderSystem(storage.withTransactions(refusingBigBatches), fastPath, settings().withSweepBatch(200), shipping(), clock);

        assertThat(sweeping.sweepOverdue().sweep()).isGreaterThanOrEqualTo(lost.size());

        lost.forEach(order -> assertThat(storage.orders().find(order.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED));
        assertInvariantsHold();
    }

    @Test
    void sweepCancelsOverdueOrdersWhoseJobsWereLost() {
        ProductId tea = newProduct(700, 50);
        Buyer buyer = newBuyer(0);
        Order lostA = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        Order lostB = place(buyer, PaymentMethod.ALIPAY, line(tea, 2));
        fastPath.scheduler().cancel(lostA.orderNo()); // the queue lost them
        fastPath.scheduler().cancel(lostB.orderNo());
        clock.advance(Duration.ofMinutes(20));
        Order notYet = place(buyer, PaymentMethod.WECHAT, line(tea, 4));
        clock.advance(Duration.ofMinutes(11));

        assertThat(system.sweepOverdue().sweep()).isGreaterThanOrEqualTo(2);

        assertThat(storage.orders().find(lostA.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(storage.orders().find(lostB.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(storage.orders().find(notYet.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(available(tea)).isEqualTo(46);
        assertInvariantsHold();
    }

    @Test
    void paidOrderShipsThenCompletes() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(1_000);
        Order paid = place(buyer, PaymentMethod.BALANCE, line(tea, 1));

        assertThatThrownBy(() -> system.completeOrder().complete(paid.orderNo())).isInstanceOf(TransitionNotAllowed.class);
        Order shipped = system.shipOrder().ship(paid.orderNo(), new ShipmentDetails("SF", "SF100"));
        assertThatThrownBy(() -> system.refundOrder().refund(paid.orderNo())).isInstanceOf(TransitionNotAllowed.class);
        Order completed = system.completeOrder().complete(paid.orderNo());

        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.shippedAt()).isEqualTo(clock.instant());
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(available(tea)).isEqualTo(4);
        assertInvariantsHold();
    }

    @Test
    void pendingOrdersCannotShip() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));

        assertThatThrownBy(() -> system.shipOrder().ship(pending.orderNo(), new ShipmentDetails("SF", "SF100"))).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> system.shipOrder().ship(new OrderNo("99990101000000000999997"), new ShipmentDetails("SF", "SF100"))).isInstanceOf(NotFound.class);
    }

    @Test
    void refundOfBalanceOrderRestoresStockAndBalanceOnce() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(1_000);
        Order paid = place(buyer, PaymentMethod.BALANCE, line(tea, 1));

        Order refunded = system.refundOrder().refund(paid.orderNo());

        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThatThrownBy(() -> system.refundOrder().refund(paid.orderNo())).isInstanceOf(TransitionNotAllowed.class);
        assertThat(available(tea)).isEqualTo(5);
        assertThat(balance(buyer.userId())).isEqualTo(1_000);
        assertThat(storage.balances().journal(buyer.userId())).filteredOn(e -> e.reason() == BalanceReason.ORDER_REFUND).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void refundOfChannelPaidOrderFlagsThePaymentForRefund() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 2));
        PaymentNotifications.apply(system, pending, "wx-refund-1");

        system.refundOrder().refund(pending.orderNo());

        assertThat(storage.payments().findByOrder(pending.orderNo()))
                .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(PaymentStatus.REFUND_REQUIRED));
        assertThat(system.reconcilePayments().markRefunded(PaymentChannel.WECHAT, "wx-refund-1").status())
                .isEqualTo(PaymentStatus.REFUNDED);
        assertThat(available(tea)).isEqualTo(5);
        assertInvariantsHold();
    }

    @Test
    void usersSeeTheirOwnOrdersNewestFirstInPages() {
        ProductId tea = newProduct(100, 50);
        Buyer buyer = newBuyer(0);
        Buyer stranger = newBuyer(0);
        Order first = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        Order second = place(buyer, PaymentMethod.WECHAT, line(tea, 2));
        Order third = place(buyer, PaymentMethod.WECHAT, line(tea, 3));
        system.cancelOrder().cancelByUser(buyer.userId(), second.orderNo());

        var page1 = system.viewOrders().own(buyer.userId(), Optional.empty(), PageRequest.first(2));
        var page2 = system.viewOrders().own(buyer.userId(), Optional.empty(), new PageRequest(page1.next(), 2));

        assertThat(page1.items()).extracting(Order::orderNo).containsExactly(third.orderNo(), second.orderNo());
        assertThat(page2.items()).extracting(Order::orderNo).containsExactly(first.orderNo());
        assertThat(page2.next()).isEmpty();
        assertThat(system.viewOrders().own(buyer.userId(), Optional.of(OrderStatus.CANCELLED), PageRequest.first(10)).items())
                .extracting(Order::orderNo).containsExactly(second.orderNo());
        assertThat(system.viewOrders().own(buyer.userId(), first.orderNo())).isEqualTo(first);
        assertThatThrownBy(() -> system.viewOrders().own(stranger.userId(), first.orderNo())).isInstanceOf(NotFound.class);
        assertThat(system.viewOrders().any(first.orderNo())).isEqualTo(first);
    }
}
