package dev.ordersystem.http;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.provider.ProviderTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that is down, slow, failing or not itself: every create, query and close of both
 * clients answers the port's failure type (never an exception, never a trusted answer), and only
 * the calls safe to repeat are tried again, a bounded number of times.
 */
class ProviderDownTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000);
    /** Short timeouts so the test does not wait long; two attempts, as in production. */
    private static final ProviderTimeouts QUICK = new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700), 2, Duration.ofMillis(50));

    private final ShiftedClock clock = new ShiftedClock();
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final String base = "http://127.0.0.1:" + server.app().port();

    @AfterEach
    void stop() {
        outage("NONE"); // lets go of any call still held
        server.close();
    }

    private void outage(String outage) {
        assertThat(server.send("PUT", "/sandbox/control", null, "application/json", "{\"outage\":\"" + outage + "\"}", Map.of()).status())
                .isEqualTo(200);
    }

    private NewTrade trade(PaymentScene scene) {
        OrderNo orderNo = new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet()));
        return new NewTrade(scene, OutTradeNo.of(orderNo, 1), Money.of(1_000, CNY), "Green tea", clock.instant().plus(Duration.ofMinutes(30)),
                Optional.empty(), Optional.empty());
    }

    private List<PaymentProvider> clientsAt(String at) {
        return List.of(SandboxMerchant.wechat(sandbox, at, base + "/notify", QUICK, clock),
                SandboxMerchant.alipay(sandbox, at, base + "/notify", QUICK, clock));
    }

    private static PaymentScene sceneOf(PaymentProvider provider) {
        return provider.channels().contains(PaymentChannel.WECHAT) ? PaymentScene.NATIVE : PaymentScene.QR;
    }

    private static void everyCallFailsWith(PaymentProvider provider, NewTrade trade, Class<? extends ProviderFailure> failure) {
        assertThat(provider.create(trade)).as("create").isInstanceOf(failure);
        assertThat(provider.query(trade.ref())).as("query").isInstanceOf(failure);
        assertThat(provider.close(trade.ref())).as("close").isInstanceOf(failure);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        for (PaymentProvider provider : clientsAt("http://127.0.0.1:" + closedPort)) {
            everyCallFailsWith(provider, trade(sceneOf(provider)), ProviderFailure.Unreachable.class);
        }
    }

    @Test
    void aProviderKilledMidCallIsUnreachable() {
        outage("DROP");
        for (PaymentProvider provider : clientsAt(base)) {
            everyCallFailsWith(provider, trade(sceneOf(provider)), ProviderFailure.Unreachable.class);
        }
        outage("NONE");
        for (PaymentProvider provider : clientsAt(base)) {
            assertThat(provider.create(trade(sceneOf(provider)))).as("back up").isInstanceOf(TradeOpened.class);
        }
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsTimedOut() {
        outage("TIMEOUT");
        for (PaymentProvider provider : clientsAt(base)) {
            everyCallFailsWith(provider, trade(sceneOf(provider)), ProviderFailure.TimedOut.class);
        }
    }

    @Test
    void a5xxIsAProviderErrorAndOnlyCallsSafeToRepeatAreTriedAgainBoundedly() {
        outage("SERVER_ERROR");
        for (PaymentProvider provider : clientsAt(base)) {
            NewTrade trade = trade(sceneOf(provider));
            everyCallFailsWith(provider, trade, ProviderFailure.ProviderError.class);
            assertThat(provider.query(trade.ref())).isEqualTo(new ProviderFailure.ProviderError(500, "HTTP_500",
                    (provider.channels().contains(PaymentChannel.WECHAT) ? "query" : "alipay.trade.query")
                            + " answered 500"));
        }
        try (NotifyReceiver failing = new NotifyReceiver(503)) {
            for (PaymentProvider provider : List.of(
                    SandboxMerchant.wechat(sandbox, failing.url(""), base + "/notify", QUICK, clock),
                    SandboxMerchant.alipay(sandbox, failing.url(""), base + "/notify", QUICK, clock))) {
                int before = failing.hits();
                provider.query(trade(sceneOf(provider)).ref());
                assertThat(failing.hits() - before).as("a query is tried twice, no more").isEqualTo(QUICK.attempts());
            }
        }
    }

    /**
     * An API outage is the merchant's calls failing, not the buyer's cashier: a trade opened before it is
     * paid during it (the shop could not close it) and the provider's notification still goes out, so a
     * buyer who paid after cancelling is a late payment the shop learns of (the fault suite's phase).
     */
    @Test
    void duringAnApiOutageTheCashierStillTakesPaymentsAndNotifies() {
        try (NotifyReceiver shop = new NotifyReceiver(200)) {
            for (PaymentProvider provider : List.of(SandboxMerchant.wechat(sandbox, base, shop.url("/wechat"), QUICK, clock),
                    SandboxMerchant.alipay(sandbox, base, shop.url("/alipay"), QUICK, clock))) {
                NewTrade trade = trade(sceneOf(provider));
                assertThat(provider.create(trade)).isInstanceOf(TradeOpened.class);
                outage("SERVER_ERROR");
                assertThat(provider.close(trade.ref())).as("the shop cannot close it").isInstanceOf(ProviderFailure.ProviderError.class);
                TestServer.Reply paid = server.send("POST", "/sandbox/cashier/" + trade.outTradeNo().value() + "/pay", null,
                        "application/x-www-form-urlencoded", "channel=" + trade.ref().channel() + "&amount=exact", Map.of("Accept", "application/json"));
                assertThat(paid.status()).as(paid.text()).isEqualTo(200);
                assertThat(paid.text()).contains("\"outcome\":\"PAID\"").contains("\"status\":200");
                assertThat(shop.next().path()).isEqualTo(provider.channels().contains(PaymentChannel.WECHAT) ? "/wechat" : "/alipay");
                outage("NONE");
            }
        }
    }

    @Test
    void anAnswerSignedWithAnotherKeyIsABadSignatureAndNotBelieved() {
        List<PaymentProvider> clients = clientsAt(base);
        List<NewTrade> trades = clients.stream().map(p -> trade(sceneOf(p))).toList();
        for (int i = 0; i < clients.size(); i++) assertThat(clients.get(i).create(trades.get(i))).isInstanceOf(TradeOpened.class);
        outage("BAD_SIGNATURE");
        for (int i = 0; i < clients.size(); i++) {
            everyCallFailsWith(clients.get(i), trade(sceneOf(clients.get(i))), ProviderFailure.BadSignature.class);
            assertThat(clients.get(i).query(trades.get(i).ref())).isInstanceOf(ProviderFailure.BadSignature.class);
        }
    }

    @Test
    void aClientWhoseRequestsTheProviderCannotVerifyGetsItsRefusalNotATrade() {
        PaymentSandbox stranger = PaymentSandbox.generate(clock); // other merchant keys, same ids
        PaymentProvider wechat = SandboxMerchant.wechat(stranger, base, base + "/notify", QUICK, clock);
        // The stranger's client also trusts the stranger's platform key, so the sandbox's (validly signed) refusal is what it reports.
        assertThat(wechat.create(trade(PaymentScene.NATIVE))).isInstanceOfSatisfying(ProviderFailure.ProviderError.class,
                error -> assertThat(error.code()).isEqualTo("SIGN_ERROR"));
        PaymentProvider alipay = SandboxMerchant.alipay(stranger, base, base + "/notify", QUICK, clock);
        assertThat(alipay.create(trade(PaymentScene.QR))).isInstanceOfSatisfying(ProviderFailure.ProviderError.class,
                error -> assertThat(error.code()).isEqualTo("isv.invalid-signature"));
    }
}
