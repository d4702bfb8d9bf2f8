package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.http.payment.NotificationRejected;
import dev.ordersystem.http.payment.NotifyAnswer;
import dev.ordersystem.http.payment.ProviderReplies;
import dev.ordersystem.http.payment.WechatNotifications;
import dev.ordersystem.http.payment.WechatRefundNotifications;
import dev.ordersystem.http.payment.WechatRefundNotifications.RefundNotice;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;

/**
 * WeChat Pay's refund notify route (DESIGN §14), {@code POST /api/v1/payments/wechat/refund-notify},
 * where the refund call's {@code notify_url} points. Verified and decrypted as payment notifications
 * are (a forged or stale one is refused with 4xx and writes nothing); applied once (a repeat
 * answers success and changes nothing). Counted in {@code refunds_notifications_total{outcome}}.
 */
public final class RefundNotifyRoutes {
    public static final String WECHAT = "/api/v1/payments/wechat/refund-notify";
    private static final Logger log = LoggerFactory.getLogger(RefundNotifyRoutes.class);

    private final OrderSystem system;
    private final Optional<WechatRefundNotifications> wechat;
    private final MeterRegistry registry;

    public RefundNotifyRoutes(OrderSystem system, Optional<WechatNotifications> wechat, MeterRegistry registry) {
        this.system = system;
        this.wechat = wechat.map(WechatRefundNotifications::new);
        this.registry = registry;
    }

    public void register(RoutesConfig routes) {
        routes.post(WECHAT, ctx -> write(ctx, wechat(new WechatNotifications.Headers(ctx.header("Wechatpay-Serial"),
                ctx.header("Wechatpay-Timestamp"), ctx.header("Wechatpay-Nonce"), ctx.header("Wechatpay-Signature")), ctx.bodyAsBytes())));
    }

    /** One delivery of a WeChat refund notification. */
    public NotifyAnswer wechat(WechatNotifications.Headers headers, byte[] body) {
        NotifyAnswer answer = decide(headers, body);
        Counter.builder("refunds.notifications").description("refund notifications received, by what became of them")
                .tag("channel", "wechat").tag("outcome", answer.outcome()).register(registry).increment();
        return answer;
    }

    private NotifyAnswer decide(WechatNotifications.Headers headers, byte[] body) {
        ProviderReplies replies = ProviderReplies.WECHAT;
        if (wechat.isEmpty()) return replies.failed(404, "WeChat Pay is not configured on this server", "NOT_CONFIGURED");
        RefundNotice notice;
        try {
            notice = wechat.get().verify(headers, body);
        } catch (NotificationRejected e) {
            log.warn("WECHAT refund notification rejected ({}): {}", e.reason(), e.getMessage());
            return replies.failed(e.reason().status(), e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    "REJECTED_" + e.reason().name());
        }
        if (notice.outcome().isEmpty()) return replies.received("IGNORED");
        try {
            Refund refund = system.applyRefundNotification().apply(notice.refundNo(), notice.outcome().get());
            log.info("WECHAT refund {} notified {}: the refund is {}", notice.refundNo(), notice.refundStatus(), refund.state());
            return replies.received(refund.state().name());
        } catch (NotFound e) {
            // Signed by WeChat but unknown here: answered with a failure so WeChat keeps it, and logged for a person.
            log.error("WECHAT refund notification for unknown refund {} ({})", notice.refundNo(), notice.refundStatus());
            return replies.failed(404, "unknown out_refund_no", "UNKNOWN_REFUND");
        } catch (RuntimeException e) {
            log.error("WECHAT refund notification for {} could not be applied", notice.refundNo(), e);
            return replies.failed(500, "not applied, please resend", "ERROR");
        }
    }

    private static void write(Context ctx, NotifyAnswer answer) {
        ctx.status(answer.status());
        if (answer.contentType() != null) ctx.contentType(answer.contentType());
        ctx.result(answer.body());
    }
}
