package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.StockReturn;

import java.util.List;

/** One refund as the admin API shows it (DESIGN §14); amounts in minor units of {@code currency}. */
public record RefundView(String refundNo, String orderNo, String purpose, String method, String tradeNo, long amount,
                         long paidTotal, String currency, String reason, List<LineView> items, boolean restock, String state,
                         String failure, String providerState, int tries, String createdAt, String nextTryAt, String endedAt) {

    /** A quantity the refund gives back. */
    public record LineView(long productId, int quantity) {
    }

    public static RefundView of(Refund refund) {
        return new RefundView(refund.refundNo().value(), refund.orderNo().value(), refund.purpose().name(),
                refund.method().name(), refund.tradeNo().orElse(null), refund.amount().minor(), refund.paidTotal().minor(),
                refund.amount().currency().getCurrencyCode(), refund.reason(),
                refund.lines().stream().map(l -> new LineView(l.productId().value(), l.quantity())).toList(),
                refund.stockReturn() == StockReturn.RESTOCK, refund.state().name(),
                refund.failure().orElse(null), refund.providerState().orElse(null), refund.tries(),
                JsonTimes.iso(refund.createdAt()), refund.state().isSettled() ? null : JsonTimes.iso(refund.nextTryAt()),
                refund.endedAt().map(JsonTimes::iso).orElse(null));
    }
}
