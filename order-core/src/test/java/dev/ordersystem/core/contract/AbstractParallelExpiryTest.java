package dev.ordersystem.core.contract;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PaidTrade;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.port.provider.RefundCall;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeClosing;
import dev.ordersystem.core.port.provider.TradeCreation;
import dev.ordersystem.core.port.provider.TradeLookup;
import dev.ordersystem.core.port.provider.TradeRef;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.usecase.payment.StartPaymentCommand;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §13 with the provider calls of the expiry, the sweep and the sync running side by side
 * ({@link PaymentSettings#providerCallWidth()}): many orders with open trades expire at once while
 * notifications race them — some trades unpaid (closed, then cancelled), some paid at the provider
 * without a notification, some paid with their notification racing the expiry, some on a provider
 * that cannot be heard (cancelled anyway; one of those paid, its late notification racing too).
 * Afterwards no paid order is cancelled, each paid order has one successful payment record, nothing
 * is pending, no provider call was made inside a transaction, no duty had more calls open than its
 * width, calls did overlap, and the §7 audit is clean.
 */
public abstract class AbstractParallelExpiryTest extends AbstractOrderSystemTest {
    private static final Duration SYNC_AFTER = Duration.ofMinutes(3);
    /** How long the first provider call waits for a second one to arrive: long, since it only waits when calls do not overlap. */
    private static final long OVERLAP_WAIT_SECONDS = 20;

    /** How many orders of each kind; a slower store may run fewer. */
    protected int ordersPerKind() {
        return 30;
    }

    protected int width() {
        return 4;
    }

    private ScriptedProvider scripted;
    private WatchedProvider provider;
    private final TransactionDepth transactions = new TransactionDepth();

    @BeforeEach
    void buildSystemWithWatchedProvider() {
        scripted = new ScriptedProvider(Set.of(PaymentChannel.WECHAT, PaymentChannel.ALIPAY), clock, transactions::inside);
        provider = new WatchedProvider(scripted, transactions::inside);
        system = new OrderSystem(transactions.watching(storage), fastPath, settings(), shipping(),
                PaymentSettings.defaults().withSyncAfter(SYNC_AFTER).withProviderCallWidth(width()), provider, clock);
    }

    @AfterEach
    void neverCalledInsideATransaction() {
        assertThat(scripted.callsInsideTransactions()).as("provider calls inside a transaction").isEmpty();
        assertThat(provider.insideTransactions).as("refused provider calls inside a transaction").isEmpty();
    }

    private record Placed(Order order, OutTradeNo trade, Optional<PaidTrade> paid, PaymentChannel channel) {
    }

    private Placed withTrade(Buyer buyer, ProductId product, int n) {
        Order order = place(buyer, PaymentMethod.WECHAT, line(product, 1));
        PaymentScene scene = n % 2 == 0 ? PaymentScene.NATIVE : PaymentScene.QR;
        OutTradeNo trade = system.startPayment().start(new StartPaymentCommand(buyer.userId(), order.orderNo(), scene.channel(),
                scene, Optional.empty(), Optional.empty())).attempt().outTradeNo();
        return new Placed(order, trade, Optional.empty(), scene.channel());
    }

    private Placed paidAtProvider(Placed placed) {
        return new Placed(placed.order(), placed.trade(), Optional.of(scripted.pay(placed.trade())), placed.channel());
    }

    private Callable<Object> notification(Placed placed) {
        PaidTrade paid = placed.paid().orElseThrow();
        return () -> system.applyPayment().apply(new VerifiedPayment(placed.channel(), placed.order().orderNo(), paid.tradeNo(),
                paid.amount(), paid.paidAt(), "{}"));
    }

    private Order stored(Placed placed) {
        return storage.orders().find(placed.order().orderNo()).orElseThrow();
    }

    private PaymentAttempt attempt(Placed placed) {
        return storage.attempts().find(placed.trade()).orElseThrow();
    }

    private List<PaymentRecord> records(Placed placed) {
        return storage.payments().findByOrder(placed.order().orderNo());
    }

    @Test
    void manyOpenTradesExpireSideBySideWhileNotificationsRaceAndEveryGuaranteeHolds() throws Exception {
        int n = ordersPerKind();
        ProductId tea = newProduct(1_999, 7L * n);
        Buyer buyer = newBuyer(0);
        List<Placed> unpaid = new ArrayList<>();
        List<Placed> paidSilently = new ArrayList<>();
        List<Placed> paidAndNotified = new ArrayList<>();
        List<Placed> unheard = new ArrayList<>();
        List<Placed> unheardPaid = new ArrayList<>();
        List<Order> withoutTrade = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            unpaid.add(withTrade(buyer, tea, i));
            paidSilently.add(paidAtProvider(withTrade(buyer, tea, i)));
            paidAndNotified.add(paidAtProvider(withTrade(buyer, tea, i)));
            unheard.add(withTrade(buyer, tea, i));
            unheardPaid.add(paidAtProvider(withTrade(buyer, tea, i)));
            withoutTrade.add(place(buyer, PaymentMethod.WECHAT, line(tea, 1)));
        }
        unheard.forEach(p -> provider.unreachable.add(p.trade()));
        unheardPaid.forEach(p -> provider.unreachable.add(p.trade()));
        // Past every deadline, and past the sync's quiet spell: the queue, the sweep and the sync all want these trades.
        clock.advance(settings().paymentTimeout().plus(SYNC_AFTER).plusMinutes(1));
        provider.watchOverlap();

        List<Callable<Object>> racers = new ArrayList<>();
        racers.add(() -> {
            int claimed = 0;
            for (int run = system.expiryWorker().runDueJobs(); run > 0; run = system.expiryWorker().runDueJobs()) claimed += run;
            return claimed;
        });
        // The sweep and the sync join once the queue has made its first provider call: were they first, they could settle
        // every order before the queue calls at all, and its overlap (checked below) would go unseen.
        racers.add(() -> {
            provider.awaitQueueCall();
            return system.sweepOverdue().sweep();
        });
        racers.add(() -> {
            provider.awaitQueueCall();
            return system.syncOpenTrades().runOnce();
        });
        paidAndNotified.forEach(p -> racers.add(notification(p)));
        unheardPaid.forEach(p -> racers.add(notification(p)));

        List<Race.Result<Object>> results = Race.run(racers.size(), racers, Duration.ofMinutes(2));

        assertThat(results).allSatisfy(r -> assertThat(r.error()).as("racer error").isNull());
        // A job or sweep that met a notification being applied (BUSY) tries again later: let those turns come.
        clock.advance(Duration.ofMinutes(6));
        while (system.expiryWorker().runDueJobs() > 0) {
            clock.advance(Duration.ofSeconds(1));
        }
        system.sweepOverdue().sweep();

        assertThat(provider.firstCallMetASecond).as("a second provider call of the expiry queue arrived while its first one was open").isTrue();
        assertThat(provider.mostAtOnce).as("most provider calls open at once, per duty").containsKey("order-expiry-call")
                .allSatisfy((duty, most) -> assertThat(most).as(duty).isLessThanOrEqualTo(width()));
        for (Placed p : unpaid) {
            assertThat(stored(p).status()).as(p.trade().value()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(scripted.stateOf(p.trade())).contains(TradeState.CLOSED);
            assertThat(attempt(p).state()).isEqualTo(AttemptState.CLOSED);
            assertThat(records(p)).isEmpty();
        }
        for (Placed p : concat(paidSilently, paidAndNotified)) {
            assertThat(stored(p).status()).as(p.trade().value()).isEqualTo(OrderStatus.PAID);
            assertThat(records(p)).extracting(PaymentRecord::status).containsExactly(PaymentStatus.SUCCEEDED);
            assertThat(attempt(p).state()).isEqualTo(AttemptState.PAID);
        }
        for (Placed p : unheard) {
            assertThat(stored(p).status()).as(p.trade().value()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(attempt(p).state()).as("left open for the sync once the provider is back").isEqualTo(AttemptState.OPEN);
        }
        for (Placed p : unheardPaid) {
            // The provider could not say it was paid: the expiry cancelled it unless its notification came first; a late one is kept for refund.
            Order settled = stored(p);
            assertThat(settled.status()).as(p.trade().value()).isIn(OrderStatus.PAID, OrderStatus.CANCELLED);
            assertThat(records(p)).extracting(PaymentRecord::status).containsExactly(
                    settled.status() == OrderStatus.PAID ? PaymentStatus.SUCCEEDED : PaymentStatus.REFUND_REQUIRED);
        }
        for (Order order : withoutTrade) {
            assertThat(storage.orders().find(order.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        }
        assertThat(storage.audit().pendingExpiredBefore(clock.instant())).isEmpty();
        assertThat(available(tea)).isEqualTo(7L * n - 2L * n - unheardPaid.stream().filter(p -> stored(p).status() == OrderStatus.PAID).count());
        assertInvariantsHold();
    }

    private static List<Placed> concat(List<Placed> a, List<Placed> b) {
        List<Placed> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /**
     * The scripted provider, with some trades it cannot reach, counting the calls open at once per duty (the
     * fan-out's thread name) and proving overlap: once armed, the expiry queue's first query or close waits until
     * a second one of the expiry queue arrives (up to {@link #OVERLAP_WAIT_SECONDS}; it only waits that long when the calls run one by one).
     */
    private static final class WatchedProvider implements PaymentProvider {
        final Set<OutTradeNo> unreachable = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> mostAtOnce = new ConcurrentHashMap<>();
        final List<String> insideTransactions = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean firstCallMetASecond;
        private final ScriptedProvider scripted;
        private final java.util.function.BooleanSupplier inTransaction;
        private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
        private final AtomicInteger arrivals = new AtomicInteger();
        private volatile CountDownLatch meet;
        private static final String EXPIRY_DUTY = "order-expiry-call";
        private static final Supplier<ProviderFailure> REFUSED = () -> new ProviderFailure.Unreachable("connection refused");

        WatchedProvider(ScriptedProvider scripted, java.util.function.BooleanSupplier inTransaction) {
            this.scripted = scripted;
            this.inTransaction = inTransaction;
        }

        private final CountDownLatch queueCalled = new CountDownLatch(1);

        void watchOverlap() {
            meet = new CountDownLatch(2);
        }

        /** Until the expiry queue's first provider call (at most {@link #OVERLAP_WAIT_SECONDS}). */
        void awaitQueueCall() {
            awaitSecond(queueCalled);
        }

        @Override
        public Set<PaymentChannel> channels() {
            return scripted.channels();
        }

        @Override
        public TradeCreation create(NewTrade trade) {
            return scripted.create(trade);
        }

        @Override
        public TradeLookup query(TradeRef trade) {
            return unreachable.contains(trade.outTradeNo()) ? watched(trade, "query", REFUSED) : watched(trade, "query", () -> scripted.query(trade));
        }

        @Override
        public TradeClosing close(TradeRef trade) {
            return unreachable.contains(trade.outTradeNo()) ? watched(trade, "close", REFUSED) : watched(trade, "close", () -> scripted.close(trade));
        }

        @Override
        public RefundAnswer refund(RefundCall refund) {
            return scripted.refund(refund);
        }

        @Override
        public RefundAnswer queryRefund(RefundCall refund) {
            return scripted.queryRefund(refund);
        }

        private <T> T watched(TradeRef trade, String operation, Supplier<T> call) {
            if (inTransaction.getAsBoolean()) insideTransactions.add(operation + " " + trade.outTradeNo());
            // A fan-out's threads are named <duty>-<n>; a call on any other thread (a racer's own) is not a fan-out's.
            String duty = Thread.currentThread().getName().replaceFirst("-\\d+$", "");
            AtomicInteger openNow = open.computeIfAbsent(duty, d -> new AtomicInteger());
            int now = openNow.incrementAndGet();
            if (duty.startsWith("order-")) mostAtOnce.merge(duty, now, Math::max);
            try {
                CountDownLatch latch = meet;
                if (duty.equals(EXPIRY_DUTY)) queueCalled.countDown();
                if (latch != null && duty.equals(EXPIRY_DUTY)) {
                    boolean first = arrivals.getAndIncrement() == 0;
                    latch.countDown();
                    if (first) firstCallMetASecond = awaitSecond(latch);
                }
                return call.get();
            } finally {
                openNow.decrementAndGet();
            }
        }

        private static boolean awaitSecond(CountDownLatch latch) {
            try {
                return latch.await(OVERLAP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
