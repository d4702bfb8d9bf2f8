package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.domain.LocalRefund;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.port.LocalRefunds;
import dev.ordersystem.core.port.Refunds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The shop's refund records ({@link Refunds}, the {@code refund} table) as reconciliation reads them
 * ({@link LocalRefunds}): only refunds through a provider, by their out_refund_no.
 */
public final class RecordedRefunds implements LocalRefunds {
    private final Refunds refunds;

    public RecordedRefunds(Refunds refunds) {
        this.refunds = refunds;
    }

    @Override
    public Optional<LocalRefund> find(String outRefundNo) {
        if (!RefundNo.isWellFormed(outRefundNo)) return Optional.empty();
        return refunds.find(new RefundNo(outRefundNo)).filter(r -> r.method().isExternal()).map(RecordedRefunds::asReconciled);
    }

    @Override
    public List<LocalRefund> succeededBetween(PaymentChannel channel, Instant from, Instant to) {
        return refunds.findSettledBetween(from, to).stream()
                .filter(r -> r.state() == RefundState.SUCCEEDED && r.method().isExternal() && channelOf(r) == channel)
                .map(RecordedRefunds::asReconciled)
                .toList();
    }

    private static PaymentChannel channelOf(Refund refund) {
        return PaymentChannel.valueOf(refund.method().name());
    }

    private static LocalRefund asReconciled(Refund refund) {
        LocalRefund.LocalRefundState state = switch (refund.state()) {
            case PENDING -> LocalRefund.LocalRefundState.PENDING;
            case SUCCEEDED -> LocalRefund.LocalRefundState.SUCCEEDED;
            case FAILED -> LocalRefund.LocalRefundState.FAILED;
        };
        return new LocalRefund(refund.refundNo().value(), channelOf(refund), refund.orderNo(), refund.amount(), state,
                refund.state() == RefundState.SUCCEEDED ? refund.endedAt() : Optional.empty());
    }
}
