package dev.ordersystem.http;

import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.provider.AlipayMerchant;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.ProviderTimeouts;
import dev.ordersystem.http.provider.ProviderWire;
import dev.ordersystem.http.provider.WechatPayMerchant;
import dev.ordersystem.http.provider.WechatPayTrades;

import java.net.URI;
import java.time.Clock;

/** The shop's provider clients, set up as the sandbox's merchant against a server at {@code base}. */
final class SandboxMerchant {
    private SandboxMerchant() {
    }

    static WechatPayTrades wechat(PaymentSandbox sandbox, String base, String notifyUrl, ProviderTimeouts timeouts, Clock clock) {
        return new WechatPayTrades(new WechatPayMerchant(PaymentSandbox.WECHAT_MCH_ID, PaymentSandbox.WECHAT_APP_ID,
                sandbox.wechatMerchantSerial(), sandbox.wechatMerchantKeyPair().getPrivate(), () -> URI.create(notifyUrl),
                () -> URI.create(base + "/sandbox/wechatpay")), sandbox.wechatKeys(), new ProviderWire(timeouts), clock);
    }

    static AlipayTrades alipay(PaymentSandbox sandbox, String base, String notifyUrl, ProviderTimeouts timeouts, Clock clock) {
        return alipay(sandbox, base, notifyUrl, timeouts, clock, URI.create(base + "/sandbox/alipay/gateway.do"));
    }

    /** The same merchant, sending to {@code gateway} (a recorder, to look at what the client sends). */
    static AlipayTrades alipay(PaymentSandbox sandbox, String base, String notifyUrl, ProviderTimeouts timeouts, Clock clock, URI gateway) {
        return new AlipayTrades(new AlipayMerchant(PaymentSandbox.ALIPAY_APP_ID, sandbox.alipayAppKeyPair().getPrivate(),
                () -> URI.create(notifyUrl), () -> gateway), sandbox.alipayKeyPair().getPublic(), new ProviderWire(timeouts), clock);
    }
}
