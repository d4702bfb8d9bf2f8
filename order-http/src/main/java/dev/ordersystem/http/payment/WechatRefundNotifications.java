package dev.ordersystem.http.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.http.payment.NotificationRejected.Reason;

import java.io.IOException;
import java.util.Optional;

/**
 * A WeChat Pay v3 refund notification ({@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL},
 * {@code REFUND.CLOSED}): checked and decrypted exactly as a payment notification
 * ({@link WechatNotifications#verifiedResource}), then its merchant and out_refund_no checked.
 * Nothing is trusted before the signature holds.
 */
public final class WechatRefundNotifications {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WechatNotifications notifications;

    public WechatRefundNotifications(WechatNotifications notifications) {
        this.notifications = notifications;
    }

    /** What a verified refund notification says. {@code outcome} is empty for a state that settles nothing ({@code PROCESSING}). */
    public record RefundNotice(RefundNo refundNo, String refundStatus, Optional<RefundAnswer> outcome) {
    }

    public RefundNotice verify(WechatNotifications.Headers headers, byte[] body) {
        String plaintext = notifications.verifiedResource(headers, body);
        JsonNode refund;
        try {
            refund = JSON.readTree(plaintext);
        } catch (IOException e) {
            throw new NotificationRejected(Reason.MALFORMED, "the refund resource is not JSON");
        }
        if (refund == null || !refund.isObject()) throw new NotificationRejected(Reason.MALFORMED, "the refund resource is not a JSON object");
        if (!notifications.mchId().equals(refund.path("mchid").asText())) {
            throw new NotificationRejected(Reason.WRONG_MERCHANT, "mchid " + refund.path("mchid").asText() + " is not this merchant's");
        }
        String refundNo = refund.path("out_refund_no").asText("");
        if (!RefundNo.isWellFormed(refundNo)) {
            throw new NotificationRejected(Reason.MALFORMED, "out_refund_no is not one of this shop's refund numbers: " + refundNo);
        }
        String status = refund.path("refund_status").asText("");
        Optional<RefundAnswer> outcome = switch (status) {
            case "SUCCESS" -> Optional.of(new RefundAnswer.Succeeded(status));
            case "ABNORMAL", "CLOSED" -> Optional.of(new RefundAnswer.Refused(status, "WeChat Pay refund notification " + status));
            case "PROCESSING" -> Optional.empty();
            default -> throw new NotificationRejected(Reason.MALFORMED, "unknown refund_status '" + status + "'");
        };
        return new RefundNotice(new RefundNo(refundNo), status, outcome);
    }
}
