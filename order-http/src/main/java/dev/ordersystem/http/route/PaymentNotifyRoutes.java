package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.payment.AlipayNotifications;
import dev.ordersystem.http.payment.NotificationIntake;
import dev.ordersystem.http.payment.NotifyAnswer;
import dev.ordersystem.http.payment.ProviderReplies;
import dev.ordersystem.http.payment.WechatNotifications;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * The providers' notify routes (DESIGN §4.3). No bearer token: the signature is the credential.
 * A channel without configuration answers 404 in its provider's format, so a misdirected
 * provider keeps its notification and retries once the operator configured the channel.
 */
public final class PaymentNotifyRoutes {
    public static final String WECHAT = "/api/v1/payments/wechat/notify";
    public static final String ALIPAY = "/api/v1/payments/alipay/notify";

    private final Optional<WechatNotifications> wechat;
    private final Optional<AlipayNotifications> alipay;
    private final NotificationIntake intake;

    public PaymentNotifyRoutes(Optional<WechatNotifications> wechat, Optional<AlipayNotifications> alipay, NotificationIntake intake) {
        this.wechat = wechat;
        this.alipay = alipay;
        this.intake = intake;
    }

    public void register(RoutesConfig routes) {
        routes.post(WECHAT, ctx -> write(ctx, wechat(new WechatNotifications.Headers(ctx.header("Wechatpay-Serial"),
                ctx.header("Wechatpay-Timestamp"), ctx.header("Wechatpay-Nonce"), ctx.header("Wechatpay-Signature")), ctx.bodyAsBytes())));
        routes.post(ALIPAY, ctx -> write(ctx, alipay(ctx.bodyAsBytes())));
    }

    /** One WeChat Pay delivery, from the route or from the sandbox. */
    public NotifyAnswer wechat(WechatNotifications.Headers headers, byte[] body) {
        if (wechat.isEmpty()) return ProviderReplies.WECHAT.failed(404, "WeChat Pay is not configured on this server", "NOT_CONFIGURED");
        return intake.take(PaymentChannel.WECHAT, ProviderReplies.WECHAT, () -> wechat.get().verify(headers, body));
    }

    /** One Alipay delivery, from the route or from the sandbox. */
    public NotifyAnswer alipay(byte[] body) {
        if (alipay.isEmpty()) return ProviderReplies.ALIPAY.failed(404, "Alipay is not configured on this server", "NOT_CONFIGURED");
        return intake.take(PaymentChannel.ALIPAY, ProviderReplies.ALIPAY, () -> alipay.get().verify(body));
    }

    private static void write(Context ctx, NotifyAnswer answer) {
        ctx.status(answer.status());
        if (answer.contentType() != null) ctx.contentType(answer.contentType());
        ctx.result(answer.body());
    }
}
