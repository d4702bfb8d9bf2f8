package dev.ordersystem.http;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.port.provider.RefundCall;
import dev.ordersystem.core.port.provider.TradeClosed;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.port.provider.TradeStatus;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.SandboxKeyFiles;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.ProviderTimeouts;
import dev.ordersystem.http.provider.WechatPayTrades;
import dev.ordersystem.http.sandbox.StandaloneSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox provider on its own, as several shops share it: its keys are files the shops are
 * configured with, and a restart forgets no trade (open, paid or closed) and no refund, as a real
 * provider never does. The shop's own clients, verifying every answer's signature, talk to it.
 */
class StandaloneSandboxTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private final Clock clock = Clock.systemUTC();
    private final NotifyReceiver merchant = new NotifyReceiver(204);
    private StandaloneSandbox sandbox;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        merchant.close();
        if (sandbox != null) sandbox.close();
    }

    private NewTrade trade(PaymentScene scene, String orderNo) {
        return new NewTrade(scene, OutTradeNo.of(new OrderNo(orderNo), 1), Money.of(1_234, CNY), "Green tea", clock.instant().plus(Duration.ofMinutes(30)),
                Optional.empty(), Optional.empty());
    }

    private WechatPayTrades wechat(PaymentSandbox keys) {
        return SandboxMerchant.wechat(keys, sandbox.address().toString(), merchant.url("/wechat/notify"), ProviderTimeouts.defaults(), clock);
    }

    private AlipayTrades alipay(PaymentSandbox keys) {
        return SandboxMerchant.alipay(keys, sandbox.address().toString(), merchant.url("/alipay/notify"), ProviderTimeouts.defaults(), clock);
    }

    private static TradeState state(PaymentProvider provider, NewTrade trade) {
        return ((TradeStatus) provider.query(trade.ref())).state();
    }

    @Test
    void itsKeysAreFilesTheShopIsConfiguredWithAndARestartForgetsNoTrade() throws Exception {
        sandbox = StandaloneSandbox.start(dir, 0, clock);
        PaymentSandbox keys = PaymentSandbox.inDirectory(dir, clock); // what another process reads: the same keys
        Map<String, String> shop = new SandboxKeyFiles(dir).shopSettings(sandbox.address());
        assertThat(shop).containsEntry("WECHATPAY_BASE_URL", sandbox.address() + "/sandbox/wechatpay")
                .containsEntry("ALIPAY_GATEWAY_URL", sandbox.address() + "/sandbox/alipay/gateway.do")
                .containsEntry("WECHATPAY_MCH_SERIAL", keys.wechatMerchantSerial());
        assertThat(Files.readString(dir.resolve(StandaloneSandbox.SHOP_ENV))).contains("WECHATPAY_API_V3_KEY=" + keys.apiV3Key());
        assertThat(Files.getPosixFilePermissions(dir.resolve("wechat-merchant.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        NewTrade paid = trade(PaymentScene.NATIVE, "20261207000000000000101");
        NewTrade open = trade(PaymentScene.QR, "20261207000000000000102");
        NewTrade closed = trade(PaymentScene.NATIVE, "20261207000000000000103");
        assertThat(wechat(keys).create(paid)).isInstanceOf(TradeOpened.class);
        assertThat(alipay(keys).create(open)).isInstanceOf(TradeOpened.class);
        assertThat(wechat(keys).create(closed)).isInstanceOf(TradeOpened.class);
        assertThat(wechat(keys).close(closed.ref())).isInstanceOf(TradeClosed.class);
        HttpResponse<String> pay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.address() + "/sandbox/cashier/" + paid.outTradeNo().value() + "/pay"))
                .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("channel=WECHAT&amount=exact")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pay.statusCode()).as(pay.body()).isEqualTo(200);
        assertThat(merchant.next().path()).isEqualTo("/wechat/notify");
        String tradeNo = new com.fasterxml.jackson.databind.ObjectMapper().readTree(pay.body()).path("tradeNo").asText();
        RefundCall partial = new RefundCall(PaymentChannel.WECHAT, RefundNo.of(new OrderNo("20261207000000000000101"), 1), tradeNo,
                Money.of(234, CNY), Money.of(1_234, CNY), "one cup fewer");
        assertThat(wechat(keys).refund(partial)).isInstanceOf(RefundAnswer.Processing.class);

        sandbox.close();
        sandbox = StandaloneSandbox.start(dir, 0, clock); // another port: the shop's clients follow it

        assertThat(state(wechat(keys), paid)).isEqualTo(TradeState.PAID);
        assertThat(state(alipay(keys), open)).isEqualTo(TradeState.NOT_PAID);
        assertThat(state(wechat(keys), closed)).isEqualTo(TradeState.CLOSED);
        assertThat(state(wechat(keys), trade(PaymentScene.NATIVE, "20261207000000000000104"))).as("never opened").isEqualTo(TradeState.NOT_FOUND);
        // The refund made before the restart is known (a shop that lost its answer asks, and hears it succeeded) ...
        assertThat(wechat(keys).queryRefund(partial)).isInstanceOf(RefundAnswer.Succeeded.class);
        assertThat(wechat(keys).refund(partial)).as("the same number again: the refund made, not a second").isInstanceOf(RefundAnswer.Succeeded.class);
        // ... and counts against the trade: only 1 000 of its 1 234 are left to refund.
        RefundCall whole = new RefundCall(PaymentChannel.WECHAT, RefundNo.of(new OrderNo("20261207000000000000101"), 2), tradeNo,
                Money.of(1_234, CNY), Money.of(1_234, CNY), "all of it");
        assertThat(wechat(keys).refund(whole)).isInstanceOf(RefundAnswer.Refused.class);
        assertThat(Files.readString(dir.resolve(StandaloneSandbox.JOURNAL))).contains("\"record\":\"refund\"");
    }
}
