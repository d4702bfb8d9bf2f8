package dev.ordersystem.http.payment;

import java.util.Objects;
import java.util.Optional;

/**
 * Which provider notifications this server takes, and with which keys. A channel that is not
 * configured answers its notify route with 404. With a sandbox, both channels run on the
 * sandbox's generated keys and the sandbox route can emit notifications.
 */
public record PaymentChannels(Optional<WechatPayKeys> wechat, Optional<AlipayKeys> alipay, Optional<PaymentSandbox> sandbox) {
    public PaymentChannels {
        Objects.requireNonNull(wechat, "wechat");
        Objects.requireNonNull(alipay, "alipay");
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** No channel: orders can still be paid by balance. */
    public static PaymentChannels none() {
        return new PaymentChannels(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Real providers, either or both. */
    public static PaymentChannels of(Optional<WechatPayKeys> wechat, Optional<AlipayKeys> alipay) {
        return new PaymentChannels(wechat, alipay, Optional.empty());
    }

    /** Both channels checked with the sandbox's own keys. */
    public static PaymentChannels sandbox(PaymentSandbox sandbox) {
        return new PaymentChannels(Optional.of(sandbox.wechatKeys()), Optional.of(sandbox.alipayKeys()), Optional.of(sandbox));
    }
}
