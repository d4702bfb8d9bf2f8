package dev.ordersystem.core.contract;

import dev.ordersystem.core.LatePaymentRefund;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.Outside;
import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.RefundSettings;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundExceedsPaid;
import dev.ordersystem.core.domain.RefundLine;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.refund.RefundRequest;
import dev.ordersystem.core.usecase.refund.RefundResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §14, refunds: whole and partial, by balance and through a {@link ScriptedProvider}, retried
 * after a lost answer, refused, refused for asking too much, raced by admins, and late payments sent
 * back by the refund job. The provider notes any call made inside a transaction (§13 allows none).
 */
public abstract class AbstractRefundOrderTest extends AbstractOrderSystemTest {
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);

    protected ScriptedProvider provider;
    private final TransactionDepth transactions = new TransactionDepth();

    @BeforeEach
    void buildSystemWithProvider() {
        provider = new ScriptedProvider(Set.of(PaymentChannel.WECHAT, PaymentChannel.ALIPAY), clock, transactions::inside);
        system = systemWith(LatePaymentRefund.AUTO);
    }

    private OrderSystem systemWith(LatePaymentRefund late) {
        Outside outside = Outside.none().withPayments(PaymentSettings.defaults(), provider)
                .withRefunds(RefundSettings.defaults().withLatePayments(late).withFirstRetry(FIRST_RETRY));
        return new OrderSystem(transactions.watching(storage), fastPath, settings(), shipping(), outside, clock);
    }

    @AfterEach
    void neverCalledInsideATransaction() {
        assertThat(provider.callsInsideTransactions()).as("provider calls inside a transaction").isEmpty();
    }

    private Order paidByWechat(Buyer buyer, ProductId product, int units) {
        Order order = place(buyer, PaymentMethod.WECHAT, line(product, units));
        assertThat(PaymentNotifications.apply(system, order, unique("wx-"))).isEqualTo(PaymentOutcome.PAID);
        return stored(order);
    }

    private Order stored(Order order) {
        return storage.orders().find(order.orderNo()).orElseThrow();
    }

    private PaymentRecord paymentOf(Order order) {
        return storage.payments().findByOrder(order.orderNo()).stream()
                .filter(r -> r.status() != PaymentStatus.MISMATCH).findFirst().orElseThrow();
    }

    private RefundResult refund(Order order, List<RefundLine> items, Optional<Long> amount, Optional<Boolean> restock) {
        return system.refundOrder().refund(new RefundRequest(order.orderNo(), items, amount, "changed my mind",
                restock));
    }

    /** The order's events in the feed, after publishing every committed one. */
    private List<EventType> eventsOf(Order order) {
        while (!storage.transactions().inTransaction(() -> storage.outbox().publishNext(500)).isEmpty()) {
            // publish until nothing is left unpublished
        }
        List<EventType> events = new ArrayList<>();
        long after = 0;
        for (List<PublishedEvent> page = storage.outbox().after(after, 500); !page.isEmpty(); page = storage.outbox().after(after, 500)) {
            for (PublishedEvent event : page) if (event.orderNo().equals(order.orderNo())) events.add(event.type());
            after = page.getLast().position();
        }
        return events;
    }

    @Test
    void wholeRefundGoesThroughTheProviderOnceAndSettlesEverything() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 3);
        PaymentRecord payment = paymentOf(paid);

        RefundResult result = system.refundOrder().refund(RefundRequest.whole(paid.orderNo()));

        assertThat(result.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(result.refund().state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(result.refundedAmount()).isEqualTo(cny(3_000));
        assertThat(provider.refundCalls()).singleElement().satisfies(call -> {
            assertThat(call.refundNo().value()).isEqualTo(paid.orderNo().value() + "_r1");
            assertThat(call.tradeNo()).isEqualTo(payment.tradeNo());
            assertThat(call.amount()).isEqualTo(cny(3_000));
            assertThat(call.total()).isEqualTo(cny(3_000));
        });
        assertThat(paymentOf(paid).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(available(tea)).isEqualTo(10);
        assertThat(eventsOf(paid)).containsSubsequence(EventType.ORDER_REFUNDED, EventType.PAYMENT_REFUNDED);
        assertThatThrownBy(() -> system.refundOrder().refund(paid.orderNo())).isInstanceOf(TransitionNotAllowed.class);
        assertInvariantsHold();
    }

    @Test
    void partialRefundsByItemsAndAmountUntilTheWholeIsBack() {
        ProductId tea = newProduct(1_000, 10);
        ProductId cup = newProduct(500, 10);
        Buyer buyer = newBuyer(0);
        Order order = place(buyer, PaymentMethod.ALIPAY, line(tea, 3), line(cup, 2));
        PaymentNotifications.apply(system, order, unique("ali-"));

        RefundResult first = refund(order, List.of(new RefundLine(tea, 1)), Optional.empty(), Optional.empty());
        assertThat(first.refund().amount()).isEqualTo(cny(1_000));
        assertThat(first.refund().state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(first.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(first.refundedAmount()).isEqualTo(cny(1_000));
        assertThat(available(tea)).isEqualTo(8);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertInvariantsHold();

        RefundResult second = refund(order, List.of(new RefundLine(cup, 1)), Optional.of(300L), Optional.of(false));
        assertThat(second.refund().amount()).isEqualTo(cny(300));
        assertThat(second.refundedAmount()).isEqualTo(cny(1_300));
        assertThat(available(cup)).isEqualTo(8); // not restocked
        assertInvariantsHold();

        RefundResult rest = system.refundOrder().refund(RefundRequest.whole(order.orderNo()));
        assertThat(rest.refund().amount()).isEqualTo(cny(4_000 - 1_300));
        assertThat(rest.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(rest.refundedAmount()).isEqualTo(order.payAmount());
        assertThat(available(tea)).isEqualTo(10);
        assertThat(available(cup)).isEqualTo(10); // refunded whole before shipping: every unit is back
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(provider.refundsMade()).hasSize(3);
        assertThat(eventsOf(order).stream().filter(e -> e == EventType.ORDER_REFUNDED)).hasSize(3);
        assertInvariantsHold();
    }

    @Test
    void balanceOrdersAreCreditedPerRefundWithoutAProvider() {
        ProductId tea = newProduct(700, 5);
        Buyer buyer = newBuyer(2_100);
        Order paid = place(buyer, PaymentMethod.BALANCE, line(tea, 3));
        assertThat(balance(buyer.userId())).isZero();

        RefundResult part = refund(paid, List.of(new RefundLine(tea, 1)), Optional.empty(), Optional.empty());
        assertThat(part.refund().state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(balance(buyer.userId())).isEqualTo(700);
        RefundResult rest = system.refundOrder().refund(RefundRequest.whole(paid.orderNo()));

        assertThat(rest.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(balance(buyer.userId())).isEqualTo(2_100);
        assertThat(storage.balances().journal(buyer.userId())).filteredOn(e -> e.reason() == BalanceReason.ORDER_REFUND)
                .extracting(e -> e.delta().minor()).containsExactlyInAnyOrder(700L, 1_400L);
        assertThat(provider.refundCalls()).isEmpty();
        assertThat(available(tea)).isEqualTo(5);
        assertInvariantsHold();
    }

    @Test
    void askingMoreThanIsLeftIsRefusedAndWritesNothing() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 2);
        refund(paid, List.of(), Optional.of(1_500L), Optional.empty());
        int events = eventsOf(paid).size();

        assertThatThrownBy(() -> refund(paid, List.of(), Optional.of(501L), Optional.empty())).isInstanceOf(RefundExceedsPaid.class);
        assertThatThrownBy(() -> refund(paid, List.of(new RefundLine(tea, 3)), Optional.of(1L), Optional.empty()))
                .isInstanceOf(RefundExceedsPaid.class);
        assertThatThrownBy(() -> refund(paid, List.of(new RefundLine(new ProductId(999_999_999L), 1)), Optional.empty(),
                Optional.empty())).isInstanceOf(ValidationFailed.class);

        assertThat(storage.refunds().findByOrder(paid.orderNo())).hasSize(1);
        assertThat(eventsOf(paid)).hasSize(events);
        assertThat(stored(paid).status()).isEqualTo(OrderStatus.PAID);
        assertThat(available(tea)).isEqualTo(8);
        assertThat(provider.refundsMade()).hasSize(1);
        assertThat(system.refundOrder().refundedAmount(stored(paid))).isEqualTo(cny(1_500));
        assertInvariantsHold();
    }

    @Test
    void aRefundWhoseAnswerWasLostIsAskedAboutAndRefundsOnce() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 2);
        provider.loseRefundAnswers(true);

        RefundResult result = refund(paid, List.of(), Optional.of(800L), Optional.empty());
        assertThat(result.refund().state()).isEqualTo(RefundState.PENDING);
        assertThat(result.refund().providerState().orElseThrow()).contains("timed out");
        assertThat(system.refundJob().runOnce()).as("not due before its backoff").isZero();

        clock.advance(FIRST_RETRY.plusSeconds(1));
        system.refundJob().runOnce();

        Refund settled = storage.refunds().find(result.refund().refundNo()).orElseThrow();
        assertThat(settled.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(provider.refundCalls()).hasSize(1);
        assertThat(provider.refundsMade()).hasSize(1).containsKey(result.refund().refundNo());
        assertInvariantsHold();
    }

    @Test
    void aRefundThatNeverArrivedIsAskedForAgainUnderTheSameNumber() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 1);
        provider.down(new ProviderFailure.Unreachable("connection refused"));

        RefundResult result = system.refundOrder().refund(RefundRequest.whole(paid.orderNo()));
        assertThat(result.refund().state()).isEqualTo(RefundState.PENDING);
        assertThat(result.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(paymentOf(paid).status()).isEqualTo(PaymentStatus.REFUND_REQUIRED);

        provider.up();
        clock.advance(FIRST_RETRY.plusSeconds(1));
        system.refundJob().runOnce();

        assertThat(provider.refundCalls()).extracting(c -> c.refundNo()).containsExactly(result.refund().refundNo(),
                result.refund().refundNo());
        assertThat(provider.refundsMade()).hasSize(1);
        assertThat(storage.refunds().find(result.refund().refundNo()).orElseThrow().state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(paymentOf(paid).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertInvariantsHold();
    }

    @Test
    void aRefusedRefundEndsFailedWithTheReasonAndTheMoneyStays() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 2);
        provider.answerRefunds(new RefundAnswer.Refused("NOT_ENOUGH", "基本账户余额不足"));

        RefundResult part = refund(paid, List.of(), Optional.of(500L), Optional.empty());

        assertThat(part.refund().state()).isEqualTo(RefundState.FAILED);
        assertThat(part.refund().failure().orElseThrow()).contains("NOT_ENOUGH").contains("基本账户余额不足");
        assertThat(part.refundedAmount()).isEqualTo(cny(0));
        assertThat(paymentOf(paid).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(provider.refundsMade()).isEmpty();

        RefundResult whole = system.refundOrder().refund(RefundRequest.whole(paid.orderNo()));
        assertThat(whole.refund().state()).isEqualTo(RefundState.FAILED);
        assertThat(whole.refund().amount()).isEqualTo(cny(2_000));
        assertThat(paymentOf(paid).status()).as("listed for a person").isEqualTo(PaymentStatus.REFUND_REQUIRED);
        assertInvariantsHold();
    }

    @Test
    void adminsRefundingTheSameOrderAtOnceMakeOneRefund() throws Exception {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 2);
        List<Callable<RefundResult>> admins = new ArrayList<>();
        for (int i = 0; i < 8; i++) admins.add(() -> system.refundOrder().refund(RefundRequest.whole(paid.orderNo())));

        var results = Race.run(8, admins, Duration.ofMinutes(2));

        assertThat(results).filteredOn(Race.Result::succeeded).hasSize(1);
        assertThat(results).filteredOn(r -> !r.succeeded()).allSatisfy(r ->
                assertThat(r.error()).isInstanceOfAny(TransitionNotAllowed.class, RefundExceedsPaid.class));
        assertThat(storage.refunds().findByOrder(paid.orderNo())).hasSize(1);
        assertThat(provider.refundsMade()).hasSize(1);
        assertThat(available(tea)).isEqualTo(10);
        assertInvariantsHold();
    }

    @Test
    void partialRefundsRacingNeverExceedWhatWasPaid() throws Exception {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 5);
        List<Callable<RefundResult>> admins = new ArrayList<>();
        for (int i = 0; i < 8; i++) admins.add(() -> refund(paid, List.of(), Optional.of(2_000L), Optional.empty()));

        var results = Race.run(8, admins, Duration.ofMinutes(2));

        assertThat(results).filteredOn(Race.Result::succeeded).hasSize(2);
        assertThat(results).filteredOn(r -> !r.succeeded()).allSatisfy(r -> assertThat(r.error()).isInstanceOf(RefundExceedsPaid.class));
        assertThat(system.refundOrder().refundedAmount(stored(paid))).isEqualTo(cny(4_000));
        assertThat(stored(paid).status()).isEqualTo(OrderStatus.PAID);
        assertInvariantsHold();
    }

    @Test
    void shippedOrdersAreRefundedInPartWithoutRestock() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 2);
        system.shipOrder().ship(paid.orderNo(), new dev.ordersystem.core.usecase.order.ShipmentDetails("SF", "SF100"));

        assertThatThrownBy(() -> system.refundOrder().refund(paid.orderNo())).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> refund(paid, List.of(new RefundLine(tea, 1)), Optional.empty(), Optional.of(true)))
                .isInstanceOf(ValidationFailed.class);
        RefundResult result = refund(paid, List.of(new RefundLine(tea, 1)), Optional.empty(), Optional.empty());

        assertThat(result.order().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(result.refundedAmount()).isEqualTo(cny(1_000));
        assertThat(available(tea)).isEqualTo(8);
        assertInvariantsHold();
    }

    @Test
    void aLatePaymentIsRefundedByTheJob() {
        ProductId tea = newProduct(1_000, 10);
        Buyer buyer = newBuyer(0);
        Order order = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        system.cancelOrder().cancelByUser(buyer.userId(), order.orderNo());
        assertThat(PaymentNotifications.apply(system, order, "wx-late-" + order.orderNo())).isEqualTo(PaymentOutcome.REFUND_REQUIRED);

        system.refundJob().runOnce();

        assertThat(storage.refunds().findByOrder(order.orderNo())).singleElement().satisfies(r -> {
            assertThat(r.purpose()).isEqualTo(RefundPurpose.LATE_PAYMENT);
            assertThat(r.state()).isEqualTo(RefundState.SUCCEEDED);
            assertThat(r.amount()).isEqualTo(cny(1_000));
        });
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.REFUNDED);
        system.refundJob().runOnce();
        assertThat(provider.refundsMade()).hasSize(1);
        assertThat(eventsOf(order)).contains(EventType.PAYMENT_REFUNDED);
        assertInvariantsHold();
    }

    @Test
    void aLatePaymentWaitsForAPersonInManualModeOrWhenRefused() {
        ProductId tea = newProduct(1_000, 10);
        Buyer buyer = newBuyer(0);
        Order manual = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        system.cancelOrder().cancelByUser(buyer.userId(), manual.orderNo());
        PaymentNotifications.apply(system, manual, "wx-late-" + manual.orderNo());

        systemWith(LatePaymentRefund.MANUAL).refundJob().runOnce();
        assertThat(storage.refunds().findByOrder(manual.orderNo())).isEmpty();
        assertThat(paymentOf(manual).status()).isEqualTo(PaymentStatus.REFUND_REQUIRED);
        assertThat(provider.refundCalls()).isEmpty();

        provider.answerRefunds(new RefundAnswer.Refused("ACQ.TRADE_HAS_FINISHED", "交易已完结"));
        system.refundJob().runOnce();
        assertThat(storage.refunds().findByOrder(manual.orderNo())).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RefundState.FAILED);
            assertThat(r.failure().orElseThrow()).contains("ACQ.TRADE_HAS_FINISHED");
        });
        assertThat(paymentOf(manual).status()).as("still listed for a person").isEqualTo(PaymentStatus.REFUND_REQUIRED);
        system.refundJob().runOnce();
        assertThat(provider.refundCalls()).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void aRefundNotificationSettlesOnceAndIsIdempotent() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 1);
        provider.answerRefunds(new RefundAnswer.Processing("PROCESSING"));
        Refund pending = system.refundOrder().refund(RefundRequest.whole(paid.orderNo())).refund();
        assertThat(pending.state()).isEqualTo(RefundState.PENDING);

        Refund done = system.applyRefundNotification().apply(pending.refundNo(), new RefundAnswer.Succeeded("SUCCESS"));
        Refund again = system.applyRefundNotification().apply(pending.refundNo(), new RefundAnswer.Refused("CLOSED", "late"));

        assertThat(done.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(again).isEqualTo(done);
        assertThat(paymentOf(paid).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(eventsOf(paid).stream().filter(e -> e == EventType.PAYMENT_REFUNDED)).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void aRefundPendingBeyondItsWindowIsFlagged() {
        ProductId tea = newProduct(1_000, 10);
        Order paid = paidByWechat(newBuyer(0), tea, 1);
        provider.answerRefunds(new RefundAnswer.Processing("PROCESSING"));
        Refund pending = system.refundOrder().refund(RefundRequest.whole(paid.orderNo())).refund();

        clock.advance(RefundSettings.defaults().retryWindow().plusMinutes(1));

        assertThat(system.refundJob().stuck()).extracting(Refund::refundNo).contains(pending.refundNo());
        assertThat(system.audit().run().violations()).anySatisfy(v -> {
            assertThat(v.invariant()).isEqualTo("no-stuck-refund");
            assertThat(v.subject()).isEqualTo(pending.refundNo().value());
        });
    }

}
