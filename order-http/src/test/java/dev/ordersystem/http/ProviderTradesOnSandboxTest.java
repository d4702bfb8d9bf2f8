package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.port.provider.CloseRefusedPaid;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.port.provider.RefundCall;
import dev.ordersystem.core.port.provider.TradeClosed;
import dev.ordersystem.core.port.provider.TradeCreation;
import dev.ordersystem.core.port.provider.TradeNotFound;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.port.provider.TradeStatus;
import dev.ordersystem.http.payment.FormFields;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.ResourceCipher;
import dev.ordersystem.http.payment.RsaSignature;
import dev.ordersystem.http.payment.WechatNotifications;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.ProviderTimeouts;
import dev.ordersystem.http.provider.WechatPayTrades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's WeChat Pay and Alipay clients against the sandbox provider: every scene opens a
 * trade the cashier can pay; queries, closes and repeats answer as the providers do; a trade
 * past its deadline or closed cannot be paid; the cashier's notification is signed (and for
 * WeChat encrypted) and carries the trade's out_trade_no.
 */
class ProviderTradesOnSandboxTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final AtomicLong ORDERS = new AtomicLong(System.currentTimeMillis() % 1_000_000);

    private final ShiftedClock clock = new ShiftedClock();
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final String base = "http://127.0.0.1:" + server.app().port();
    private final NotifyReceiver merchant = new NotifyReceiver(204);
    private final WechatPayTrades wechat = SandboxMerchant.wechat(sandbox, base, merchant.url("/wechat/notify"), ProviderTimeouts.defaults(), clock);
    private final AlipayTrades alipay = SandboxMerchant.alipay(sandbox, base, merchant.url("/alipay/notify"), ProviderTimeouts.defaults(), clock);
    private final HttpClient browser = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        merchant.close();
        server.close();
    }

    private NewTrade trade(PaymentScene scene, long fen) {
        OrderNo orderNo = new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet()));
        return new NewTrade(scene, OutTradeNo.of(orderNo, 1), Money.of(fen, CNY), "Green tea ×2", clock.instant().plus(Duration.ofMinutes(30)),
                scene == PaymentScene.JSAPI ? Optional.of("o-sandbox-openid") : Optional.empty(),
                scene == PaymentScene.H5 ? Optional.of("203.0.113.7") : Optional.empty());
    }

    private static PayLink opened(TradeCreation creation) {
        assertThat(creation).as("creation").isInstanceOf(TradeOpened.class);
        return ((TradeOpened) creation).payment();
    }

    private TradeStatus status(PaymentProvider provider, NewTrade trade) {
        Object lookup = provider.query(trade.ref());
        assertThat(lookup).as("query of " + trade.outTradeNo()).isInstanceOf(TradeStatus.class);
        return (TradeStatus) lookup;
    }

    private HttpResponse<String> cashier(String method, String path, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).header("Accept", "application/json");
        request = form == null ? request.GET()
                : request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        try {
            return browser.send(request.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> pay(NewTrade trade, String amount) {
        return cashier("POST", "/sandbox/cashier/" + trade.outTradeNo().value() + "/pay",
                "channel=" + trade.channel().name() + "&amount=" + amount);
    }

    private void control(String json) {
        assertThat(server.send("PUT", "/sandbox/control", null, "application/json", json, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aNativeTradeIsPaidAtTheCashierWithAnEncryptedSignedNotificationAndThenQueriesPaid() throws Exception {
        NewTrade trade = trade(PaymentScene.NATIVE, 1_990);
        PayLink link = opened(wechat.create(trade));
        assertThat(link).isInstanceOf(PayLink.CodeUrl.class);
        String codeUrl = ((PayLink.CodeUrl) link).codeUrl();
        assertThat(codeUrl).startsWith(base + "/sandbox/cashier/" + trade.outTradeNo().value());
        assertThat(status(wechat, trade)).isEqualTo(TradeStatus.unpaid(TradeState.NOT_PAID, "NOTPAY"));

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(codeUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=pay>Pay</button>", "id=pay-wrong-amount>", "19.90 CNY", "waiting for payment");

        HttpResponse<String> paid = pay(trade, "exact");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        JsonNode outcome = TestServer.JSON.readTree(paid.body());
        assertThat(outcome.path("outcome").asText()).isEqualTo("PAID");
        assertThat(outcome.path("notification").path("status").asInt()).isEqualTo(204);

        NotifyReceiver.Received notification = merchant.next();
        assertThat(notification.path()).isEqualTo("/wechat/notify");
        byte[] message = WechatNotifications.message(notification.header("Wechatpay-Timestamp"), notification.header("Wechatpay-Nonce"),
                notification.body().getBytes(StandardCharsets.UTF_8));
        assertThat(notification.header("Wechatpay-Serial")).isEqualTo(sandbox.wechatSerial());
        assertThat(RsaSignature.verifies(sandbox.wechatPlatformKeyPair().getPublic(), message, notification.header("Wechatpay-Signature"))).isTrue();
        JsonNode resource = TestServer.JSON.readTree(notification.body()).path("resource");
        JsonNode transaction = TestServer.JSON.readTree(new ResourceCipher(sandbox.apiV3Key().getBytes(StandardCharsets.UTF_8))
                .decrypt(resource.path("associated_data").asText(), resource.path("nonce").asText(), resource.path("ciphertext").asText()));
        assertThat(transaction.path("out_trade_no").asText()).isEqualTo(trade.outTradeNo().value());
        assertThat(transaction.path("trade_state").asText()).isEqualTo("SUCCESS");
        assertThat(transaction.path("amount").path("total").asLong()).isEqualTo(1_990);

        TradeStatus status = status(wechat, trade);
        assertThat(status.state()).isEqualTo(TradeState.PAID);
        assertThat(status.payment().orElseThrow().amount()).isEqualTo(Money.of(1_990, CNY));
        assertThat(status.payment().orElseThrow().tradeNo()).isEqualTo(transaction.path("transaction_id").asText());
        assertThat(wechat.close(trade.ref())).isEqualTo(new CloseRefusedPaid("ORDERPAID"));
        assertThat(pay(trade, "exact").statusCode()).as("paid twice").isEqualTo(409);
    }

    @Test
    void aRepeatedCreateAnswersTheSameTradeAndTheSameNumberForAnotherAmountIsRefused() {
        NewTrade trade = trade(PaymentScene.NATIVE, 500);
        PayLink first = opened(wechat.create(trade));
        assertThat(opened(wechat.create(trade))).isEqualTo(first);
        NewTrade other = new NewTrade(PaymentScene.NATIVE, trade.outTradeNo(), Money.of(600, CNY), trade.subject(), trade.expiresAt(),
                Optional.empty(), Optional.empty());
        assertThat(wechat.create(other)).isInstanceOfSatisfying(ProviderFailure.ProviderError.class,
                error -> assertThat(error.code()).isEqualTo("INVALID_REQUEST"));

        NewTrade qr = trade(PaymentScene.QR, 500);
        PayLink qrFirst = opened(alipay.create(qr));
        assertThat(opened(alipay.create(qr))).isEqualTo(qrFirst);
    }

    @Test
    void jsapiAnswersThePrepayIdAndRequestPaymentParametersSignedWithTheMerchantKey() {
        NewTrade trade = trade(PaymentScene.JSAPI, 1_000);
        PayLink.JsapiPrepay prepay = (PayLink.JsapiPrepay) opened(wechat.create(trade));
        assertThat(prepay.params().packageValue()).isEqualTo("prepay_id=" + prepay.prepayId());
        assertThat(prepay.params().appId()).isEqualTo(PaymentSandbox.WECHAT_APP_ID);
        assertThat(prepay.params().signType()).isEqualTo("RSA");
        String message = prepay.params().appId() + "\n" + prepay.params().timeStamp() + "\n" + prepay.params().nonceStr() + "\n"
                + prepay.params().packageValue() + "\n";
        assertThat(RsaSignature.verifies(sandbox.wechatMerchantKeyPair().getPublic(), message.getBytes(StandardCharsets.UTF_8),
                prepay.params().paySign())).isTrue();
        assertThat(opened(wechat.create(trade(PaymentScene.H5, 1_000)))).isInstanceOfSatisfying(PayLink.H5Url.class,
                h5 -> assertThat(h5.h5Url()).contains("/sandbox/cashier/"));
    }

    @Test
    void aWithheldNotificationLeavesOnlyTheQueryToLearnThePayment() {
        control("{\"withholdNotifications\":true}");
        NewTrade trade = trade(PaymentScene.NATIVE, 1_200);
        opened(wechat.create(trade));
        HttpResponse<String> paid = pay(trade, "exact");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("withheld");
        assertThat(status(wechat, trade).state()).isEqualTo(TradeState.PAID);
        assertThat(merchant.nothingReceived()).isTrue();
    }

    @Test
    void anAlipayQrTradeIsPaidWithASignedNotificationAndAWrongAmountIsWhatTheQueryReports() {
        NewTrade trade = trade(PaymentScene.QR, 2_345);
        PayLink.QrCode qr = (PayLink.QrCode) opened(alipay.create(trade));
        assertThat(qr.qrCode()).contains("/sandbox/cashier/" + trade.outTradeNo().value());
        assertThat(status(alipay, trade)).isEqualTo(TradeStatus.unpaid(TradeState.NOT_PAID, "WAIT_BUYER_PAY"));

        assertThat(pay(trade, "wrong").statusCode()).isEqualTo(200);
        NotifyReceiver.Received notification = merchant.next();
        Map<String, String> fields = FormFields.parse(notification.body().getBytes(StandardCharsets.UTF_8));
        assertThat(RsaSignature.verifies(sandbox.alipayKeyPair().getPublic(),
                FormFields.signedContent(fields).getBytes(StandardCharsets.UTF_8), fields.get("sign"))).isTrue();
        assertThat(fields).containsEntry("out_trade_no", trade.outTradeNo().value()).containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("total_amount", "23.44").containsEntry("app_id", PaymentSandbox.ALIPAY_APP_ID);

        TradeStatus status = status(alipay, trade);
        assertThat(status.providerState()).isEqualTo("TRADE_SUCCESS");
        assertThat(status.payment().orElseThrow().amount()).isEqualTo(Money.of(2_344, CNY));
        assertThat(status.payment().orElseThrow().tradeNo()).isEqualTo(fields.get("trade_no"));
        assertThat(alipay.close(trade.ref())).isEqualTo(new CloseRefusedPaid("ACQ.TRADE_STATUS_ERROR"));
    }

    @Test
    void anAlipayPayPageExistsOnlyOnceTheBrowserOpensItsSignedAddress() throws Exception {
        for (PaymentScene scene : new PaymentScene[]{PaymentScene.PAGE, PaymentScene.WAP}) {
            NewTrade trade = trade(scene, 900);
            PayLink.PayUrl payUrl = (PayLink.PayUrl) opened(alipay.create(trade));
            assertThat(payUrl.payUrl()).startsWith(base + "/sandbox/alipay/gateway.do?").contains("sign=");
            assertThat(status(alipay, trade).state()).as("nobody opened the page yet").isEqualTo(TradeState.NOT_FOUND);

            HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(URI.create(payUrl.payUrl())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
            assertThat(opened.headers().firstValue("Location").orElseThrow()).contains("/sandbox/cashier/" + trade.outTradeNo().value());
            assertThat(status(alipay, trade).state()).isEqualTo(TradeState.NOT_PAID);

            HttpResponse<String> tampered = browser.send(HttpRequest.newBuilder(URI.create(payUrl.payUrl().replace("9.00", "0.01"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).as("a tampered amount breaks the signature").isEqualTo(400);
            assertThat(tampered.body()).contains("isv.invalid-signature");
        }
    }

    /**
     * A refund of a trade the provider never had (a late payment whose notification was not the
     * provider's): a query names no refund (WeChat 404 RESOURCE_NOT_EXISTS, Alipay ACQ.TRADE_NOT_EXIST),
     * so the refund job asks again, and the call is refused for good.
     */
    @Test
    void aRefundOfATradeTheProviderNeverHadIsNotFoundOnQueryAndRefusedOnCall() {
        String unknownTrade = "2026120722001400000000000001";
        for (PaymentProvider provider : new PaymentProvider[]{wechat, alipay}) {
            RefundCall refund = new RefundCall(provider == wechat ? PaymentChannel.WECHAT : PaymentChannel.ALIPAY,
                    RefundNo.of(new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet())), 1), unknownTrade,
                    Money.of(500, CNY), Money.of(500, CNY), "late payment");
            assertThat(provider.queryRefund(refund)).as(refund.channel() + " query").isInstanceOf(RefundAnswer.NotFound.class);
            assertThat(provider.refund(refund)).as(refund.channel() + " call").isInstanceOf(RefundAnswer.Refused.class);
        }
    }
}
