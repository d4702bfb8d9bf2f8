package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.PaymentRecord;

/** A payment record waiting for (or done with) reconciliation; the raw notification stays internal. */
public record PaymentView(String channel, String tradeNo, String orderNo, long amount, String currency, String status,
                          String paidAt, String recordedAt) {
    public static PaymentView of(PaymentRecord r) {
        return new PaymentView(r.channel().name(), r.tradeNo(), r.orderNo().value(), r.amount().minor(),
                r.amount().currency().getCurrencyCode(), r.status().name(), JsonTimes.iso(r.paidAt()), JsonTimes.iso(r.recordedAt()));
    }
}
