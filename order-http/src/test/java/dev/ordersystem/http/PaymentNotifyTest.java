package dev.ordersystem.http;

import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.Transactions;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.WechatPayProvider.Delivery;
import dev.ordersystem.http.payment.PaymentChannels;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider notifications over real HTTP, real signatures and encryption, on the in-memory store. */
class PaymentNotifyTest {
    static final String WECHAT = "/api/v1/payments/wechat/notify";
    static final String ALIPAY = "/api/v1/payments/alipay/notify";

    private final SteppedClock clock = new SteppedClock();
    private final WechatPayProvider wechat = new WechatPayProvider(clock);
    private final AlipayProvider alipay = new AlipayProvider();
    private final TestServer server = TestServer.builder().clock(clock)
            .payments(PaymentChannels.of(Optional.of(wechat.keys()), Optional.of(alipay.keys()))).start();
    private final ShopSteps shop = new ShopSteps(server);
    private final long tea = shop.product("Green tea", 1_000, 50);
    private final Buyer buyer = shop.buyer();

    @AfterEach
    void stop() {
        server.close();
    }

    static Reply deliver(TestServer server, Delivery delivery) {
        return server.send("POST", WECHAT, null, "application/json", delivery.body(), delivery.headers());
    }

    static Reply deliver(TestServer server, String form) {
        return server.send("POST", ALIPAY, null, "application/x-www-form-urlencoded; charset=utf-8", form, Map.of());
    }

    private String pending(String method) {
        return shop.placed(buyer, tea, 1, method).get("orderNo").asText();
    }

    private OrderStatus status(String orderNo) {
        return server.system.viewOrders().any(new OrderNo(orderNo)).status();
    }

    private List<PaymentRecord> records(String orderNo) {
        return server.store.payments().findByOrder(new OrderNo(orderNo));
    }

    private double counted(String channel, String outcome) {
        Counter counter = server.registry.find("payments.notifications").tag("channel", channel).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aNotificationOfATradeStartedHereNamesItsOrderThroughTheTradeNumber() {
        String wechatOrder = pending("WECHAT");
        String alipayOrder = pending("ALIPAY");

        Reply wechatAnswer = deliver(server, wechat.payment(wechatOrder + "_2", "4200000000000000000000000077", 1_000));
        Reply alipayAnswer = deliver(server, alipay.payment(alipayOrder + "_1", "2026120722001400000000000077", "10.00"));
        Reply foreign = deliver(server, wechat.payment(wechatOrder + "-x", "4200000000000000000000000078", 1_000));

        assertThat(wechatAnswer.status()).as(wechatAnswer.toString()).isEqualTo(204);
        assertThat(alipayAnswer.text()).isEqualTo("success");
        assertThat(status(wechatOrder)).isEqualTo(OrderStatus.PAID);
        assertThat(status(alipayOrder)).isEqualTo(OrderStatus.PAID);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(records(wechatOrder)).hasSize(1);
    }

    @Test
    void wechatPaymentPaysTheOrderOnceAndAnswers204EvenForTheDuplicate() {
        String orderNo = pending("WECHAT");
        Delivery delivery = wechat.payment(orderNo, "4200000001202605011234567890", 1_000);
        Reply first = deliver(server, delivery);
        assertThat(first.status()).as(first.toString()).isEqualTo(204);
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
        Reply again = deliver(server, delivery);
        assertThat(again.status()).isEqualTo(204);
        assertThat(records(orderNo)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(r.amount().minor()).isEqualTo(1_000);
            assertThat(r.rawNotification()).contains("\"out_trade_no\":\"" + orderNo + "\"");
        });
        assertThat(counted("wechat", "PAID")).isEqualTo(1);
        assertThat(counted("wechat", "DUPLICATE")).isEqualTo(1);
        shop.auditClean();
    }

    @Test
    void forgedTamperedStaleOrForeignWechatNotificationsAreRejectedAndWrittenNowhere() {
        String orderNo = pending("WECHAT");
        String trade = "4200000001202605010000000001";
        String body = wechat.body(wechat.transaction(orderNo, trade, 1_000));
        long now = clock.instant().getEpochSecond();
        Delivery good = wechat.sign(body);
        Map<String, Delivery> cases = new HashMap<>();
        cases.put("tampered body 401", good.withBody(body.replace("\"TRANSACTION.SUCCESS\"", "\"TRANSACTION.SUCCESS \"")));
        cases.put("wrong key 401", wechat.sign(body, now, WechatPayProvider.rsa().getPrivate(), wechat.serial));
        cases.put("unknown serial 401", wechat.sign(body, now, wechat.platform.getPrivate(), "00DEADBEEF"));
        cases.put("stale timestamp 401", wechat.sign(body, now - 301, wechat.platform.getPrivate(), wechat.serial));
        cases.put("future timestamp 401", wechat.sign(body, now + 301, wechat.platform.getPrivate(), wechat.serial));
        cases.put("bad ciphertext 400", wechat.sign(wechat.body(wechat.transaction(orderNo, trade, 1_000), "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")));
        cases.put("wrong mchid 400", wechat.sign(wechat.body(wechat.transaction(orderNo, trade, 1_000, "1999999999", WechatPayProvider.APP_ID, "SUCCESS"))));
        cases.put("wrong appid 400", wechat.sign(wechat.body(wechat.transaction(orderNo, trade, 1_000, WechatPayProvider.MCH_ID, "wxother", "SUCCESS"))));
        Map<String, String> unsigned = new HashMap<>(good.headers());
        unsigned.remove("Wechatpay-Signature");
        cases.put("no signature 400", new Delivery(unsigned, body));
        cases.forEach((name, delivery) -> {
            Reply reply = deliver(server, delivery);
            assertThat(reply.status()).as(name + ": " + reply).isEqualTo(Integer.parseInt(name.substring(name.length() - 3)));
            assertThat(reply.json().get("code").asText()).as(name).isEqualTo("FAIL");
            assertThat(reply.json().get("message").asText()).as(name).isNotBlank();
        });
        assertThat(records(orderNo)).isEmpty();
        assertThat(server.store.payments().find(PaymentChannel.WECHAT, trade)).isEmpty();
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(counted("wechat", "REJECTED_BAD_SIGNATURE")).isEqualTo(2);
        assertThat(counted("wechat", "REJECTED_STALE")).isEqualTo(2);
        // the genuine one still goes through afterwards
        assertThat(deliver(server, good).status()).isEqualTo(204);
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void amountMismatchLatePaymentAndUnknownOrderAreRecordedForAPerson() {
        String shortPaid = pending("WECHAT");
        assertThat(deliver(server, wechat.payment(shortPaid, "WX-SHORT", 999)).status()).isEqualTo(204);
        assertThat(status(shortPaid)).isEqualTo(OrderStatus.PENDING_PAYMENT);

        String late = pending("ALIPAY");
        clock.advance(Duration.ofMinutes(31));
        server.system.sweepOverdue().sweep();
        assertThat(status(late)).isEqualTo(OrderStatus.CANCELLED);
        Reply lateReply = deliver(server, alipay.payment(late, "2026050122001400000000000001", "10.00"));
        assertThat(lateReply.text()).isEqualTo("success");

        assertThat(deliver(server, wechat.payment("99999999999999", "WX-NOBODY", 500)).status()).isEqualTo(204);

        assertThat(records(shortPaid)).singleElement().extracting(PaymentRecord::status).isEqualTo(PaymentStatus.MISMATCH);
        assertThat(records(late)).singleElement().extracting(PaymentRecord::status).isEqualTo(PaymentStatus.REFUND_REQUIRED);
        assertThat(records("99999999999999")).singleElement().extracting(PaymentRecord::status).isEqualTo(PaymentStatus.UNMATCHED);
        assertThat(server.get("/api/v1/admin/payments?status=REFUND_REQUIRED", TestServer.ADMIN).json().get("items").get(0)
                .get("orderNo").asText()).isEqualTo(late);
        assertThat(server.post("/api/v1/admin/payments/ALIPAY/2026050122001400000000000001/refunded", TestServer.ADMIN, null)
                .status()).isEqualTo(200);
        shop.auditClean();
    }

    @Test
    void aWechatPaymentInAnotherCurrencyIsAcknowledgedInWechatsFormatAndListedAsMismatch() {
        String orderNo = pending("WECHAT");
        Delivery dollars = wechat.payment(orderNo, "4200000001202605010000000777", 1_000, "USD"); // the figure matches, the money not

        Reply reply = deliver(server, dollars);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(204); // WeChat's "received": no resend for 24 h
        assertThat(reply.text()).isEmpty();
        assertThat(deliver(server, dollars).status()).as("a resend is a duplicate").isEqualTo(204);

        assertThat(status(orderNo)).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(records(orderNo)).singleElement().extracting(PaymentRecord::status).isEqualTo(PaymentStatus.MISMATCH);
        Reply listed = server.get("/api/v1/admin/payments?status=MISMATCH", TestServer.ADMIN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("orderNo").asText()).isEqualTo(orderNo);
            assertThat(item.get("amount").asLong()).isEqualTo(1_000);
            assertThat(item.get("currency").asText()).isEqualTo("USD");
            assertThat(item.get("status").asText()).isEqualTo("MISMATCH");
        });
        assertThat(counted("wechat", "AMOUNT_MISMATCH")).isEqualTo(1);
        shop.auditClean();
    }

    @Test
    void alipayPaysOnTradeSuccessAnswersExactlySuccessAndIgnoresOtherStatuses() {
        String orderNo = pending("ALIPAY");
        String waiting = AlipayProvider.form(alipay.fields(orderNo, "ALI-1", "10.00", "WAIT_BUYER_PAY"), alipay.keyPair.getPrivate());
        Reply ignored = deliver(server, waiting);
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.text()).isEqualTo("success");
        assertThat(records(orderNo)).isEmpty();

        Reply paid = deliver(server, alipay.payment(orderNo, "ALI-1", "10.00"));
        assertThat(paid.text()).as(paid.toString()).isEqualTo("success");
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
        String finished = AlipayProvider.form(alipay.fields(orderNo, "ALI-1", "10.00", "TRADE_FINISHED"), alipay.keyPair.getPrivate());
        assertThat(deliver(server, finished).text()).isEqualTo("success");
        assertThat(records(orderNo)).singleElement().satisfies(r -> assertThat(r.amount().minor()).isEqualTo(1_000));
        assertThat(counted("alipay", "DUPLICATE")).isEqualTo(1);
        shop.auditClean();
    }

    @Test
    void forgedOrForeignAlipayNotificationsAnswerFailureAndWriteNothing() {
        String orderNo = pending("ALIPAY");
        Map<String, String> fields = alipay.fields(orderNo, "ALI-2", "10.00", "TRADE_SUCCESS");
        String good = AlipayProvider.form(fields, alipay.keyPair.getPrivate());
        Map<String, String> cases = new HashMap<>();
        cases.put("tampered amount 401", good.replace("total_amount=10.00", "total_amount=0.01"));
        cases.put("wrong key 401", AlipayProvider.form(fields, WechatPayProvider.rsa().getPrivate()));
        cases.put("signature removed 400", good.replaceAll("&sign=[^&]*", ""));
        Map<String, String> otherApp = new HashMap<>(fields);
        otherApp.put("app_id", "2021000000009999");
        cases.put("wrong app_id 400", AlipayProvider.form(otherApp, alipay.keyPair.getPrivate()));
        Map<String, String> otherSeller = new HashMap<>(fields);
        otherSeller.put("seller_id", "2088000000009999");
        cases.put("wrong seller_id 400", AlipayProvider.form(otherSeller, alipay.keyPair.getPrivate()));
        Map<String, String> threeDecimals = new HashMap<>(fields);
        threeDecimals.put("total_amount", "10.001");
        cases.put("three decimals 400", AlipayProvider.form(threeDecimals, alipay.keyPair.getPrivate()));
        cases.forEach((name, form) -> {
            Reply reply = deliver(server, form);
            assertThat(reply.status()).as(name + ": " + reply).isEqualTo(Integer.parseInt(name.substring(name.length() - 3)));
            assertThat(reply.text()).as(name).isEqualTo("failure");
        });
        assertThat(records(orderNo)).isEmpty();
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(deliver(server, good).text()).isEqualTo("success");
        assertThat(status(orderNo)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void channelsThatAreNotConfiguredAnswer404InTheProvidersFormat() {
        try (TestServer plain = TestServer.start()) {
            Reply wx = deliver(plain, wechat.payment("12345678", "T1", 1));
            assertThat(wx.status()).isEqualTo(404);
            assertThat(wx.json().get("code").asText()).isEqualTo("FAIL");
            Reply ali = deliver(plain, alipay.payment("12345678", "T1", "0.01"));
            assertThat(ali.status()).isEqualTo(404);
            assertThat(ali.text()).isEqualTo("failure");
            assertThat(plain.post("/api/v1/admin/sandbox/payments/12345678", TestServer.ADMIN, Map.of("channel", "WECHAT"))
                    .status()).isEqualTo(404);
        }
    }

    @Test
    void aDatabaseLostMidDeliveryAsksTheProviderToResendWith503AndTheResendPays() {
        AtomicBoolean databaseDown = new AtomicBoolean();
        try (TestServer flaky = TestServer.builder().clock(clock)
                .payments(PaymentChannels.of(Optional.of(wechat.keys()), Optional.of(alipay.keys())))
                .storage(store -> failingWhile(store, databaseDown)).start()) {
            ShopSteps flakyShop = new ShopSteps(flaky);
            long product = flakyShop.product("Oolong", 1_000, 5);
            String orderNo = flakyShop.placed(flakyShop.buyer(), product, 1, "WECHAT").get("orderNo").asText();
            Delivery delivery = wechat.payment(orderNo, "4200000001202605019999999999", 1_000);

            databaseDown.set(true);
            Reply lost = deliver(flaky, delivery);
            assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
            assertThat(lost.json().path("code").asText()).isEqualTo("FAIL");
            assertThat(lost.text()).doesNotContain("Socket error");
            assertThat(flaky.store.payments().findByOrder(new OrderNo(orderNo))).isEmpty();

            databaseDown.set(false);
            Reply resent = deliver(flaky, delivery);
            assertThat(resent.status()).as(resent.toString()).isEqualTo(204);
            assertThat(flaky.system.viewOrders().any(new OrderNo(orderNo)).status()).isEqualTo(OrderStatus.PAID);
        }
    }

    /** The store, with transactions that fail as the driver does when the server went away, while {@code down} is set. */
    private static Storage failingWhile(Storage store, AtomicBoolean down) {
        Transactions real = store.transactions();
        Transactions failing = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (down.get()) {
                    throw new IllegalStateException("SQL [select … for update]",
                            new SQLNonTransientConnectionException("(conn=2116) Socket error", "08000"));
                }
                return real.inTransaction(work);
            }
        };
        return new Storage(failing, store.orders(), store.stock(), store.balances(), store.catalogue(), store.payments(), store.attempts(),
                store.users(), store.tokens(), store.addresses(), store.audit(), store.outbox(), store.webhooks(), store.refunds());
    }
}
