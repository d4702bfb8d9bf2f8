package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.provider.CloseRefusedPaid;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.TradeClosed;
import dev.ordersystem.core.port.provider.TradeClosing;
import dev.ordersystem.core.port.provider.TradeCreation;
import dev.ordersystem.core.port.provider.TradeLookup;
import dev.ordersystem.core.port.provider.TradeNotFound;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.port.provider.TradeStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link PaymentProvider} (DESIGN §13), for an adapter talking to a provider the
 * test can play the buyer at (the sandbox provider): every scene opens a trade answering its
 * scene's fields; a repeat answers the same trade; a trade is paid only by the buyer, before its
 * deadline and while open; close and pay race to exactly one winner, as at the real provider.
 */
public abstract class AbstractPaymentProviderTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    /** The adapter under test. */
    protected abstract PaymentProvider provider();

    /** The scenes the adapter serves. */
    protected abstract List<PaymentScene> scenes();

    /** The buyer opens what the shop handed out (a pay page address exists at the provider only once opened). */
    protected abstract void buyerOpens(PayLink link);

    /** The buyer pays {@code minor} for the trade at the provider; true when the provider took the money. */
    protected abstract boolean buyerPays(NewTrade trade, long minor);

    /** The provider's clock moves on. */
    protected abstract void timePasses(Duration by);

    /** The provider's time now. */
    protected abstract Instant now();

    private NewTrade trade(PaymentScene scene, long minor) {
        OrderNo orderNo = new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet()));
        return new NewTrade(scene, OutTradeNo.of(orderNo, 1), Money.of(minor, CNY), "Longjing tea ×2", now().plus(Duration.ofMinutes(30)),
                scene == PaymentScene.JSAPI ? Optional.of("o-contract-openid") : Optional.empty(),
                scene == PaymentScene.H5 ? Optional.of("203.0.113.9") : Optional.empty());
    }

    private PayLink open(NewTrade trade) {
        TradeCreation created = provider().create(trade);
        assertThat(created).as("create %s", trade.scene()).isInstanceOf(TradeOpened.class);
        PayLink link = ((TradeOpened) created).payment();
        buyerOpens(link);
        return link;
    }

    private TradeStatus status(NewTrade trade) {
        TradeLookup lookup = provider().query(trade.ref());
        assertThat(lookup).as("query %s", trade.outTradeNo()).isInstanceOf(TradeStatus.class);
        return (TradeStatus) lookup;
    }

    @Test
    void everySceneOpensATradeAnsweringThatScenesFieldsAndNotPaid() {
        assertThat(scenes()).isNotEmpty();
        for (PaymentScene scene : scenes()) {
            assertThat(provider().channels()).contains(scene.channel());
            NewTrade trade = trade(scene, 1_990);
            PayLink link = open(trade);
            assertThat(link.answers(scene)).as("%s answers %s", scene, link).isTrue();
            assertThat(status(trade).state()).isEqualTo(TradeState.NOT_PAID);
            assertThat(status(trade).payment()).isEmpty();
        }
    }

    @Test
    void aRepeatedCreateAnswersTheSameTrade() {
        for (PaymentScene scene : scenes()) {
            NewTrade trade = trade(scene, 700);
            PayLink first = open(trade);
            PayLink again = ((TradeOpened) provider().create(trade)).payment();
            if (first instanceof PayLink.JsapiPrepay prepay) {
                // the requestPayment parameters are signed afresh (new nonce and time); the prepay is the same
                assertThat(((PayLink.JsapiPrepay) again).prepayId()).isEqualTo(prepay.prepayId());
            } else if (!(first instanceof PayLink.PayUrl)) { // a pay address is signed afresh, its trade is the same
                assertThat(again).isEqualTo(first);
            }
            buyerOpens(again);
            assertThat(buyerPays(trade, 700)).isTrue();
            assertThat(status(trade).state()).isEqualTo(TradeState.PAID);
        }
    }

    @Test
    void aTradeThePayerPaidIsPaidWithItsTradeNumberAmountAndTimeAndCannotBeClosed() {
        for (PaymentScene scene : scenes()) {
            NewTrade trade = trade(scene, 2_345);
            open(trade);
            Instant before = now().minusSeconds(1);
            assertThat(buyerPays(trade, 2_345)).isTrue();
            TradeStatus paid = status(trade);
            assertThat(paid.state()).isEqualTo(TradeState.PAID);
            assertThat(paid.payment().orElseThrow().amount()).isEqualTo(Money.of(2_345, CNY));
            assertThat(paid.payment().orElseThrow().paidAt()).isAfter(before);
            assertThat(paid.payment().orElseThrow().rawResponse()).contains(trade.outTradeNo().value());
            assertThat(status(trade).payment().orElseThrow().tradeNo()).as("the same trade number each time")
                    .isEqualTo(paid.payment().orElseThrow().tradeNo());
            assertThat(provider().close(trade.ref())).isInstanceOf(CloseRefusedPaid.class);
            assertThat(buyerPays(trade, 2_345)).as("paid twice").isFalse();
        }
    }

    @Test
    void whatTheBuyerReallyPaidIsWhatTheQueryReports() {
        NewTrade trade = trade(scenes().getFirst(), 1_000);
        open(trade);
        assertThat(buyerPays(trade, 999)).isTrue();
        assertThat(status(trade).payment().orElseThrow().amount()).isEqualTo(Money.of(999, CNY));
    }

    @Test
    void aClosedTradeCannotBePaidAndClosingItAgainAnswersClosed() {
        for (PaymentScene scene : scenes()) {
            NewTrade trade = trade(scene, 800);
            open(trade);
            assertThat(provider().close(trade.ref())).isEqualTo(new TradeClosed());
            assertThat(buyerPays(trade, 800)).isFalse();
            assertThat(status(trade).state()).isEqualTo(TradeState.CLOSED);
            assertThat(provider().close(trade.ref())).isEqualTo(new TradeClosed());
        }
    }

    @Test
    void aTradeTheProviderNeverOpenedIsNotFound() {
        NewTrade never = trade(scenes().getFirst(), 800);
        assertThat(status(never)).isEqualTo(TradeStatus.unpaid(TradeState.NOT_FOUND, status(never).providerState()));
        assertThat(provider().close(never.ref())).isEqualTo(new TradeNotFound());
    }

    @Test
    void pastItsDeadlineATradeCannotBePaidAndStillCloses() {
        List<NewTrade> trades = new ArrayList<>();
        for (PaymentScene scene : scenes()) {
            NewTrade trade = trade(scene, 800);
            open(trade);
            trades.add(trade);
        }
        timePasses(Duration.ofMinutes(31));
        for (NewTrade trade : trades) {
            assertThat(buyerPays(trade, 800)).as("paid after time_expire").isFalse();
            assertThat(status(trade).state()).isNotEqualTo(TradeState.PAID);
            assertThat(provider().close(trade.ref())).isEqualTo(new TradeClosed());
        }
    }

    @Test
    void aCloseAndAPaymentRacingOnOneTradeHaveExactlyOneWinner() throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            NewTrade trade = trade(scenes().get(round % scenes().size()), 500);
            open(trade);
            List<Callable<Object>> tasks = List.of(() -> provider().close(trade.ref()), () -> buyerPays(trade, 500));
            List<Race.Result<Object>> results = Race.run(2, tasks, Duration.ofSeconds(60));
            assertThat(results).allSatisfy(r -> assertThat(r.succeeded()).as(String.valueOf(r.error())).isTrue());
            TradeClosing closing = (TradeClosing) results.get(0).value();
            boolean paid = (Boolean) results.get(1).value();
            if (paid) {
                assertThat(closing).isInstanceOf(CloseRefusedPaid.class);
                assertThat(status(trade).state()).isEqualTo(TradeState.PAID);
            } else {
                assertThat(closing).isEqualTo(new TradeClosed());
                assertThat(status(trade).state()).isEqualTo(TradeState.CLOSED);
            }
        }
    }
}
