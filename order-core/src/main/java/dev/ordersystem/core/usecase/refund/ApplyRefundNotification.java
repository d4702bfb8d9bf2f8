package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.port.Refunds;
import dev.ordersystem.core.port.provider.RefundAnswer;

/**
 * A provider's refund notification (WeChat Pay {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL},
 * {@code REFUND.CLOSED}), verified and decrypted by the caller: settles the PENDING refund of its
 * out_refund_no. Idempotent: a notification for a refund settled before changes nothing.
 */
public final class ApplyRefundNotification {
    private final Refunds refunds;
    private final ProviderRefunds providerRefunds;

    public ApplyRefundNotification(Refunds refunds, ProviderRefunds providerRefunds) {
        this.refunds = refunds;
        this.providerRefunds = providerRefunds;
    }

    /**
     * @param outcome {@link RefundAnswer.Succeeded} or {@link RefundAnswer.Refused}, as the notification said
     * @throws NotFound when no refund has that number (the provider is answered so, and keeps it for a person)
     */
    public Refund apply(RefundNo refundNo, RefundAnswer outcome) {
        Refund refund = refunds.find(refundNo).orElseThrow(() -> new NotFound("refund " + refundNo));
        if (refund.state().isSettled()) return refund;
        return providerRefunds.settle(refund, outcome);
    }
}
