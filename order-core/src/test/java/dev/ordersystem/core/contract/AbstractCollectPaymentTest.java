package dev.ordersystem.core.contract;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.provider.PaidTrade;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.usecase.order.ExpiryOutcome;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.payment.PaymentProgress;
import dev.ordersystem.core.usecase.payment.PaymentProviderUnavailable;
import dev.ordersystem.core.usecase.payment.StartPaymentCommand;
import dev.ordersystem.core.usecase.payment.StartedPayment;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
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
 * DESIGN §13, collecting payments through a provider: start a trade per scene, repeat, switch,
 * poll, sync, and close open trades before expiry and cancel — against a {@link ScriptedProvider}
 * that also notes any call made while a use case holds a transaction (DESIGN §13 allows none).
 */
public abstract class AbstractCollectPaymentTest extends AbstractOrderSystemTest {
    private static final Duration SYNC_AFTER = Duration.ofMinutes(3);

    protected ScriptedProvider provider;
    private final TransactionDepth transactions = new TransactionDepth();

    @BeforeEach
    void buildSystemWithProvider() {
        provider = new ScriptedProvider(Set.of(PaymentChannel.WECHAT, PaymentChannel.ALIPAY), clock, transactions::inside);
        system = systemWith(provider);
    }

    private OrderSystem systemWith(ScriptedProvider scripted) {
        return new OrderSystem(transactions.watching(storage), fastPath, settings(), shipping(), PaymentSettings.defaults().withSyncAfter(SYNC_AFTER),
                scripted, clock);
    }

    @AfterEach
    void neverCalledInsideATransaction() {
        assertThat(provider.callsInsideTransactions()).as("provider calls inside a transaction").isEmpty();
    }

    private StartPaymentCommand command(Buyer buyer, Order order, PaymentScene scene) {
        return new StartPaymentCommand(buyer.userId(), order.orderNo(), scene.channel(), scene,
                scene == PaymentScene.JSAPI ? Optional.of("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o") : Optional.empty(),
                scene == PaymentScene.H5 ? Optional.of("203.0.113.9") : Optional.empty());
    }

    private StartedPayment start(Buyer buyer, Order order, PaymentScene scene) {
        return system.startPayment().start(command(buyer, order, scene));
    }

    private Order pendingOrder(Buyer buyer) {
        ProductId tea = newProduct(1_999, 5);
        return place(buyer, PaymentMethod.WECHAT, line(tea, 2));
    }

    private Order stored(Order order) {
        return storage.orders().find(order.orderNo()).orElseThrow();
    }

    private PaymentAttempt attempt(Order order, int number) {
        return storage.attempts().find(OutTradeNo.of(order.orderNo(), number)).orElseThrow();
    }

    @Test
    void startsATradeForTheOrdersAmountWithTheOrdersDeadline() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);

        StartedPayment started = start(buyer, order, PaymentScene.NATIVE);

        assertThat(started.origin()).isEqualTo(StartedPayment.Origin.CREATED);
        assertThat(started.attempt().outTradeNo()).isEqualTo(OutTradeNo.of(order.orderNo(), 1));
        assertThat(started.attempt().state()).isEqualTo(AttemptState.OPEN);
        assertThat(started.attempt().payLink()).containsInstanceOf(PayLink.CodeUrl.class);
        assertThat(provider.calls("create")).singleElement().satisfies(call -> {
            assertThat(call.trade().orElseThrow().amount()).isEqualTo(order.payAmount());
            assertThat(call.trade().orElseThrow().expiresAt()).isEqualTo(order.expiresAt());
            assertThat(call.trade().orElseThrow().outTradeNo()).isEqualTo(started.attempt().outTradeNo());
            assertThat(call.trade().orElseThrow().subject()).isNotBlank();
        });
        assertThat(storage.attempts().findOpen(order.orderNo())).contains(started.attempt());
        assertThat(stored(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertInvariantsHold();
    }

    @Test
    void everySceneAnswersWithItsOwnField() {
        Buyer buyer = newBuyer(0);
        for (PaymentScene scene : PaymentScene.values()) {
            Order order = pendingOrder(buyer);

            StartedPayment started = start(buyer, order, scene);

            PayLink link = started.attempt().payLink().orElseThrow();
            assertThat(link.answers(scene)).as(scene + " answered by " + link).isTrue();
            assertThat(started.attempt().scene()).isEqualTo(scene);
            assertThat(storage.attempts().find(started.attempt().outTradeNo())).contains(started.attempt());
            provider.calls("create").getLast().trade().ifPresent(trade -> {
                assertThat(trade.openId().isPresent()).isEqualTo(scene == PaymentScene.JSAPI);
                assertThat(trade.clientIp()).isEqualTo(scene == PaymentScene.H5 ? Optional.of("203.0.113.9") : Optional.empty());
            });
        }
        assertThat(provider.calls("create")).hasSize(PaymentScene.values().length);
    }

    @Test
    void theSameRequestWhileTheTradeIsOpenIsAnsweredAgainWithoutCallingTheProvider() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment first = start(buyer, order, PaymentScene.QR);

        StartedPayment again = start(buyer, order, PaymentScene.QR);

        assertThat(again.origin()).isEqualTo(StartedPayment.Origin.REPEATED);
        assertThat(again.attempt()).isEqualTo(first.attempt());
        assertThat(provider.calls()).hasSize(1);
        assertThat(storage.attempts().findByOrder(order.orderNo())).hasSize(1);
    }

    @Test
    void anotherSceneOrChannelClosesTheOpenTradeFirstAndStartsANewOne() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment wechat = start(buyer, order, PaymentScene.NATIVE);

        StartedPayment alipay = start(buyer, order, PaymentScene.QR);

        OutTradeNo first = wechat.attempt().outTradeNo();
        OutTradeNo second = OutTradeNo.of(order.orderNo(), 2);
        assertThat(alipay.attempt().outTradeNo()).isEqualTo(second);
        assertThat(ScriptedProvider.operations(provider.calls())).containsExactly("create " + first, "close " + first,
                "create " + second);
        assertThat(provider.stateOf(first)).contains(TradeState.CLOSED);
        assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.CLOSED);
        assertThat(storage.attempts().findOpen(order.orderNo())).contains(alipay.attempt());

        start(buyer, order, PaymentScene.JSAPI); // and back to WeChat, in another scene
        assertThat(attempt(order, 2).state()).isEqualTo(AttemptState.CLOSED);
        assertThat(storage.attempts().findByOrder(order.orderNo())).filteredOn(a -> a.state().isOpen()).hasSize(1);
    }

    @Test
    void switchingAfterTheFirstTradeWasPaidPaysTheOrderAndRefusesTheSwitch() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment wechat = start(buyer, order, PaymentScene.NATIVE);
        PaidTrade paid = provider.pay(wechat.attempt().outTradeNo());

        assertThatThrownBy(() -> start(buyer, order, PaymentScene.PAGE))
                .isInstanceOfSatisfying(TransitionNotAllowed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TRANSITION_NOT_ALLOWED);
                    assertThat(e.from()).isEqualTo(OrderStatus.PAID);
                });

        assertThat(stored(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(storage.payments().findByOrder(order.orderNo())).singleElement().satisfies(record -> {
            assertThat(record.tradeNo()).isEqualTo(paid.tradeNo());
            assertThat(record.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        });
        assertThat(provider.calls("create")).hasSize(1);
        assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.PAID);
        assertInvariantsHold();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWrittenOrSent() {
        Buyer buyer = newBuyer(0);
        Buyer other = newBuyer(0);
        Order order = pendingOrder(buyer);
        Optional<String> none = Optional.empty();
        List<StartPaymentCommand> invalid = List.of(
                new StartPaymentCommand(buyer.userId(), order.orderNo(), PaymentChannel.WECHAT, null, none, none),
                new StartPaymentCommand(buyer.userId(), order.orderNo(), null, PaymentScene.NATIVE, none, none),
                new StartPaymentCommand(buyer.userId(), order.orderNo(), PaymentChannel.WECHAT, PaymentScene.QR, none, none),
                new StartPaymentCommand(buyer.userId(), order.orderNo(), PaymentChannel.WECHAT, PaymentScene.JSAPI, none, none),
                new StartPaymentCommand(buyer.userId(), order.orderNo(), PaymentChannel.WECHAT, PaymentScene.JSAPI,
                        Optional.of("o pen id"), none),
                new StartPaymentCommand(buyer.userId(), order.orderNo(), PaymentChannel.WECHAT, PaymentScene.H5, none, none),
                new StartPaymentCommand(buyer.userId(), order.orderNo(), PaymentChannel.WECHAT, PaymentScene.H5, none,
                        Optional.of("example.com")));
        List<String> fields = List.of("scene", "channel", "scene", "openId", "openId", "clientIp", "clientIp");
        for (int i = 0; i < invalid.size(); i++) {
            StartPaymentCommand bad = invalid.get(i);
            String field = fields.get(i);
            assertThatThrownBy(() -> system.startPayment().start(bad)).isInstanceOfSatisfying(ValidationFailed.class,
                    e -> assertThat(e.errors()).extracting(FieldError::field).contains(field));
        }
        assertThatThrownBy(() -> system.startPayment().start(command(other, order, PaymentScene.NATIVE)))
                .isInstanceOf(NotFound.class);
        Order paidByBalance = place(newBuyer(10_000), PaymentMethod.BALANCE, line(newProduct(100, 5), 1));
        Order cancelled = pendingOrder(buyer);
        system.cancelOrder().cancelByUser(buyer.userId(), cancelled.orderNo());
        Buyer balanceBuyer = new Buyer(paidByBalance.userId(), 0);
        assertThatThrownBy(() -> start(balanceBuyer, paidByBalance, PaymentScene.NATIVE)).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> start(buyer, cancelled, PaymentScene.QR)).isInstanceOf(TransitionNotAllowed.class);
        Order overdue = pendingOrder(buyer);
        clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> start(buyer, overdue, PaymentScene.QR)).isInstanceOf(TransitionNotAllowed.class);

        assertThat(provider.calls()).isEmpty();
        for (Order o : List.of(order, paidByBalance, cancelled, overdue)) {
            assertThat(storage.attempts().findByOrder(o.orderNo())).isEmpty();
        }
    }

    @Test
    void aChannelTheShopHasNotSwitchedOnIsRefusedNamingTheChannel() {
        provider = new ScriptedProvider(Set.of(PaymentChannel.WECHAT), clock, transactions::inside);
        system = systemWith(provider);
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);

        assertThatThrownBy(() -> start(buyer, order, PaymentScene.QR)).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("channel"));
        assertThat(provider.calls()).isEmpty();
        assertThat(start(buyer, order, PaymentScene.NATIVE).attempt().state()).isEqualTo(AttemptState.OPEN);
    }

    @Test
    void aProviderThatCannotBeHeardOrTrustedIsAClearRefusalAndLeavesNoOpenTrade() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        List<ProviderFailure> failures = List.of(
                new ProviderFailure.Unreachable("connection refused"),
                new ProviderFailure.TimedOut("no answer within 5 s"),
                new ProviderFailure.ProviderError(500, "SYSTEM_ERROR", "系统错误"),
                new ProviderFailure.ProviderError(400, "PARAM_ERROR", "参数错误"),
                new ProviderFailure.BadSignature("Wechatpay-Signature does not verify"));
        List<ErrorCode> codes = List.of(ErrorCode.DEPENDENCY_DOWN, ErrorCode.DEPENDENCY_DOWN, ErrorCode.DEPENDENCY_DOWN,
                ErrorCode.PAYMENT_PROVIDER_FAILED, ErrorCode.PAYMENT_PROVIDER_FAILED);
        for (int i = 0; i < failures.size(); i++) {
            provider.down(failures.get(i));
            ErrorCode expected = codes.get(i);
            assertThatThrownBy(() -> start(buyer, order, PaymentScene.NATIVE))
                    .isInstanceOfSatisfying(PaymentProviderUnavailable.class, e -> assertThat(e.code()).isEqualTo(expected));
            assertThat(storage.attempts().findOpen(order.orderNo())).isEmpty();
            assertThat(attempt(order, i + 1).state()).isEqualTo(AttemptState.FAILED);
            assertThat(attempt(order, i + 1).failure()).hasValue(failures.get(i).describe());
        }
        assertThat(stored(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);

        provider.up();
        StartedPayment started = start(buyer, order, PaymentScene.NATIVE);
        assertThat(started.attempt().attempt()).isEqualTo(failures.size() + 1);
        assertInvariantsHold();
    }

    @Test
    void theProviderDownWhileSwitchingKeepsTheOpenTradeAndStartsNothing() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment first = start(buyer, order, PaymentScene.NATIVE);
        provider.down(new ProviderFailure.TimedOut("close: no answer within 5 s"));

        assertThatThrownBy(() -> start(buyer, order, PaymentScene.QR)).isInstanceOf(PaymentProviderUnavailable.class);

        assertThat(storage.attempts().findByOrder(order.orderNo())).extracting(PaymentAttempt::outTradeNo)
                .containsExactly(first.attempt().outTradeNo());
        assertThat(storage.attempts().findOpen(order.orderNo()).orElseThrow().state()).isEqualTo(AttemptState.OPEN);
        assertThat(provider.calls("create")).hasSize(1);
    }

    @Test
    void theStartsOfOneOrderTakeTurnsAndOpenOneTrade() throws InterruptedException {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        List<Callable<StartedPayment>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) starts.add(() -> start(buyer, order, PaymentScene.NATIVE));

        List<Race.Result<StartedPayment>> results = Race.run(8, starts, Duration.ofSeconds(60));

        assertThat(results).filteredOn(r -> !r.succeeded()).allSatisfy(r -> assertThat(r.error()).isInstanceOf(DuplicateSubmission.class));
        assertThat(results).filteredOn(Race.Result::succeeded).isNotEmpty()
                .allSatisfy(r -> assertThat(r.value().attempt().outTradeNo()).isEqualTo(OutTradeNo.of(order.orderNo(), 1)));
        assertThat(provider.calls("create")).hasSize(1);
        assertThat(storage.attempts().findByOrder(order.orderNo())).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void thePollAsksTheProviderAndAppliesAPaidAnswerOnceLikeANotification() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment started = start(buyer, order, PaymentScene.NATIVE);

        PaymentProgress unpaid = system.pollPayment().poll(buyer.userId(), order.orderNo());
        assertThat(unpaid.order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(unpaid.attempt().tradeState()).contains(TradeState.NOT_PAID);
        assertThat(unpaid.attempt().providerState()).contains("NOTPAY");
        assertThat(unpaid.attempt().checkedAt()).contains(clock.instant());

        PaidTrade paid = provider.pay(started.attempt().outTradeNo());
        clock.advance(Duration.ofSeconds(2));
        PaymentProgress progress = system.pollPayment().poll(buyer.userId(), order.orderNo());

        assertThat(progress.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(progress.attempt().state()).isEqualTo(AttemptState.PAID);
        assertThat(progress.attempt().tradeState()).contains(TradeState.PAID);
        assertThat(progress.attempt().providerState()).contains("SUCCESS");
        assertThat(progress.attempt().checkedAt()).contains(clock.instant());
        assertThat(storage.payments().findByOrder(order.orderNo())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(PaymentStatus.SUCCEEDED));
        // The notification the provider sends too is the same payment: acknowledged, nothing changes.
        PaymentOutcome late = system.applyPayment().apply(new VerifiedPayment(PaymentChannel.WECHAT, order.orderNo(),
                paid.tradeNo(), paid.amount(), paid.paidAt(), "{}"));
        assertThat(late).isEqualTo(PaymentOutcome.DUPLICATE);
        clock.advance(Duration.ofSeconds(5));
        system.pollPayment().poll(buyer.userId(), order.orderNo()); // a paid order is not asked about again
        assertThat(provider.calls("query")).hasSize(2);
        assertThat(storage.payments().findByOrder(order.orderNo())).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void thePollAsksAtMostOnceEveryTwoSeconds() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        start(buyer, order, PaymentScene.QR);

        system.pollPayment().poll(buyer.userId(), order.orderNo());
        system.pollPayment().poll(buyer.userId(), order.orderNo());
        clock.advance(Duration.ofMillis(1_999));
        system.pollPayment().poll(buyer.userId(), order.orderNo());
        assertThat(provider.calls("query")).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        system.pollPayment().poll(buyer.userId(), order.orderNo());
        assertThat(provider.calls("query")).hasSize(2);
    }

    @Test
    void thePollOfAnotherBuyersOrderOrOfAnOrderWithoutPaymentIsNotFound() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        assertThatThrownBy(() -> system.pollPayment().poll(buyer.userId(), order.orderNo())).isInstanceOf(NotFound.class);
        start(buyer, order, PaymentScene.NATIVE);
        assertThatThrownBy(() -> system.pollPayment().poll(newBuyer(0).userId(), order.orderNo())).isInstanceOf(NotFound.class);
        assertThat(provider.calls("query")).isEmpty();
    }

    @Test
    void aNotificationThatPaysTheOrderEndsItsOpenTrade() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment started = start(buyer, order, PaymentScene.H5);
        PaidTrade paid = provider.pay(started.attempt().outTradeNo());

        system.applyPayment().apply(new VerifiedPayment(PaymentChannel.WECHAT, order.orderNo(), paid.tradeNo(), paid.amount(),
                paid.paidAt(), "{}"));

        assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.PAID);
        assertThat(storage.attempts().findOpen(order.orderNo())).isEmpty();
    }

    @Test
    void theSyncLearnsALostPaymentOfATradeThatHeardNothing() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        OutTradeNo trade = start(buyer, order, PaymentScene.PAGE).attempt().outTradeNo();
        provider.pay(trade);

        clock.advance(SYNC_AFTER.minusSeconds(1));
        system.syncOpenTrades().runOnce();
        assertThat(queriesOf(trade)).isZero();
        clock.advance(Duration.ofSeconds(2));
        system.syncOpenTrades().runOnce();
        assertThat(queriesOf(trade)).isEqualTo(1);

        assertThat(stored(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(storage.payments().findByOrder(order.orderNo())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(PaymentStatus.SUCCEEDED));
        clock.advance(SYNC_AFTER.plusSeconds(1));
        system.syncOpenTrades().runOnce(); // a paid trade is not open any more: never asked again
        assertThat(queriesOf(trade)).isEqualTo(1);
        assertInvariantsHold();
    }

    @Test
    void theSyncAsksAnUnpaidTradeAgainOnlyAfterAnotherQuietSpell() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        OutTradeNo trade = start(buyer, order, PaymentScene.NATIVE).attempt().outTradeNo();
        clock.advance(SYNC_AFTER.plusSeconds(1));

        system.syncOpenTrades().runOnce();
        assertThat(queriesOf(trade)).isEqualTo(1);
        system.syncOpenTrades().runOnce();
        assertThat(queriesOf(trade)).isEqualTo(1);
        clock.advance(SYNC_AFTER.plusSeconds(1));
        system.syncOpenTrades().runOnce();
        assertThat(queriesOf(trade)).isEqualTo(2);
        assertThat(stored(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(attempt(order, 1).tradeState()).contains(TradeState.NOT_PAID);
    }

    /** How often the provider was asked about {@code trade} (the store may hold other tests' open trades, which the sync asks about too). */
    private long queriesOf(OutTradeNo trade) {
        return provider.calls("query").stream().filter(call -> call.outTradeNo().equals(trade)).count();
    }

    @Test
    void expiryClosesTheOpenTradeThenCancels() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment started = start(buyer, order, PaymentScene.NATIVE);
        clock.advance(Duration.ofMinutes(30));

        assertThat(system.expireOrder().expire(order.orderNo())).isEqualTo(ExpiryOutcome.EXPIRED);

        assertThat(provider.stateOf(started.attempt().outTradeNo())).contains(TradeState.CLOSED);
        assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.CLOSED);
        assertThat(stored(order).status()).isEqualTo(OrderStatus.CANCELLED);
        assertInvariantsHold();
    }

    @Test
    void expiryOfATradePaidInTheLastSecondPaysTheOrderInsteadOfCancellingIt() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment started = start(buyer, order, PaymentScene.QR);
        clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        provider.pay(started.attempt().outTradeNo()); // its notification never arrives
        clock.advance(Duration.ofSeconds(1));

        assertThat(system.expireOrder().expire(order.orderNo())).isEqualTo(ExpiryOutcome.PAID_AT_PROVIDER);

        assertThat(stored(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(storage.payments().findByOrder(order.orderNo())).extracting(PaymentRecord::status)
                .containsExactly(PaymentStatus.SUCCEEDED);
        assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.PAID);
        assertInvariantsHold();
    }

    @Test
    void expiryCancelsAnywayWhenTheProviderCannotBeHeardAndALatePaymentIsKeptForRefund() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment started = start(buyer, order, PaymentScene.NATIVE);
        clock.advance(Duration.ofMinutes(30));
        provider.down(new ProviderFailure.Unreachable("connection refused"));

        assertThat(system.expireOrder().expire(order.orderNo())).isEqualTo(ExpiryOutcome.EXPIRED);
        assertThat(stored(order).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.OPEN); // the sync closes it once the provider is back

        provider.up();
        PaidTrade late = provider.pay(started.attempt().outTradeNo());
        PaymentOutcome outcome = system.applyPayment().apply(new VerifiedPayment(PaymentChannel.WECHAT, order.orderNo(),
                late.tradeNo(), late.amount(), late.paidAt(), "{}"));
        assertThat(outcome).isEqualTo(PaymentOutcome.REFUND_REQUIRED);
        assertInvariantsHold();
    }

    @Test
    void theSyncClosesTheOpenTradeOfAnOrderCancelledWhileTheProviderWasDown() {
        Buyer buyer = newBuyer(0);
        Order order = pendingOrder(buyer);
        StartedPayment started = start(buyer, order, PaymentScene.WAP);
        provider.down(new ProviderFailure.TimedOut("no answer within 5 s"));
        system.cancelOrder().cancelByUser(buyer.userId(), order.orderNo());
        assertThat(stored(order).status()).isEqualTo(OrderStatus.CANCELLED);
        provider.up();

        clock.advance(SYNC_AFTER.plusSeconds(1));
        system.syncOpenTrades().runOnce();

        assertThat(provider.stateOf(started.attempt().outTradeNo())).contains(TradeState.CLOSED);
        assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.CLOSED);
        assertInvariantsHold();
    }

    @Test
    void aBuyersCancelClosesTheOpenTradeAndIsRefusedWhenTheProviderSaysPaid() {
        Buyer buyer = newBuyer(0);
        Order unpaid = pendingOrder(buyer);
        StartedPayment first = start(buyer, unpaid, PaymentScene.NATIVE);
        Order paid = pendingOrder(buyer);
        StartedPayment second = start(buyer, paid, PaymentScene.JSAPI);
        provider.pay(second.attempt().outTradeNo());

        assertThat(system.cancelOrder().cancelByUser(buyer.userId(), unpaid.orderNo()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThatThrownBy(() -> system.cancelOrder().cancelByUser(buyer.userId(), paid.orderNo()))
                .isInstanceOf(TransitionNotAllowed.class);

        assertThat(provider.stateOf(first.attempt().outTradeNo())).contains(TradeState.CLOSED);
        assertThat(stored(paid).status()).isEqualTo(OrderStatus.PAID);
        assertThat(storage.payments().findByOrder(paid.orderNo())).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void theSweepExpiresOrdersWithOpenTradesThroughTheProvider() {
        Buyer buyer = newBuyer(0);
        Order withTrade = pendingOrder(buyer);
        Order paidAtProvider = pendingOrder(buyer);
        Order plain = pendingOrder(buyer);
        start(buyer, withTrade, PaymentScene.NATIVE);
        provider.pay(start(buyer, paidAtProvider, PaymentScene.QR).attempt().outTradeNo());
        clock.advance(Duration.ofMinutes(31));

        system.sweepOverdue().sweep();

        assertThat(stored(withTrade).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(stored(plain).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(stored(paidAtProvider).status()).isEqualTo(OrderStatus.PAID);
        assertThat(provider.stateOf(OutTradeNo.of(withTrade.orderNo(), 1))).contains(TradeState.CLOSED);
        assertInvariantsHold();
    }

    @Test
    void aPaymentLearnedByThePollTheSyncTheExpiryAndTheNotificationAtOnceIsRecordedOnce() throws InterruptedException {
        Buyer buyer = newBuyer(0);
        List<Order> orders = new ArrayList<>();
        List<PaidTrade> payments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Order order = pendingOrder(buyer);
            orders.add(order);
            payments.add(provider.pay(start(buyer, order, i % 2 == 0 ? PaymentScene.NATIVE : PaymentScene.QR)
                    .attempt().outTradeNo()));
        }
        clock.advance(Duration.ofMinutes(30)); // due for expiry and for the sync, paid in the last moment
        List<Callable<Object>> racers = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            Order order = orders.get(i);
            PaidTrade paid = payments.get(i);
            PaymentChannel channel = i % 2 == 0 ? PaymentChannel.WECHAT : PaymentChannel.ALIPAY;
            racers.add(() -> system.pollPayment().poll(buyer.userId(), order.orderNo()));
            racers.add(() -> system.expireOrder().expire(order.orderNo()));
            racers.add(() -> system.cancelOrder().cancelByUser(buyer.userId(), order.orderNo()));
            racers.add(() -> system.applyPayment().apply(new VerifiedPayment(channel, order.orderNo(), paid.tradeNo(),
                    paid.amount(), paid.paidAt(), "{}")));
        }
        racers.add(() -> system.syncOpenTrades().runOnce());
        racers.add(() -> system.sweepOverdue().sweep());

        List<Race.Result<Object>> results = Race.run(racers.size(), racers, Duration.ofSeconds(60));

        // A cancel may lose to the payment (409/40004) and a notification may find another delivery applying (BUSY);
        // what matters: every order is PAID, with exactly one successful payment record, and nothing is open.
        assertThat(results).filteredOn(r -> !r.succeeded()).allSatisfy(r -> assertThat(r.error())
                .isInstanceOfAny(TransitionNotAllowed.class, IllegalStateException.class));
        for (Order order : orders) {
            assertThat(stored(order).status()).as(order.orderNo().value()).isEqualTo(OrderStatus.PAID);
            assertThat(storage.payments().findByOrder(order.orderNo())).extracting(PaymentRecord::status)
                    .containsExactly(PaymentStatus.SUCCEEDED);
            assertThat(storage.attempts().findOpen(order.orderNo())).isEmpty();
            assertThat(attempt(order, 1).state()).isEqualTo(AttemptState.PAID);
        }
        assertInvariantsHold();
    }
}
