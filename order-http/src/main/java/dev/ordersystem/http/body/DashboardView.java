package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.usecase.dashboard.ShopDashboard;

import java.util.List;

/** {@code GET /admin/dashboard}: the console's first page; amounts in minor units of {@code currency}. */
public record DashboardView(String at, String todaySince, long ordersToday, long paidOrdersToday, long revenueToday,
                            String currency, long pendingPayments, Attention paymentsNeedingAttention,
                            List<Minute> ordersPerMinute) {

    /** Payment records waiting for a person, per status, and their sum. */
    public record Attention(long total, long mismatch, long refundRequired, long unmatched) {
    }

    /** Orders placed in the minute starting at {@code minute}. */
    public record Minute(String minute, long orders) {
    }

    public static DashboardView of(ShopDashboard.Figures f) {
        long mismatch = f.needingAttention().getOrDefault(PaymentStatus.MISMATCH, 0L);
        long refundRequired = f.needingAttention().getOrDefault(PaymentStatus.REFUND_REQUIRED, 0L);
        long unmatched = f.needingAttention().getOrDefault(PaymentStatus.UNMATCHED, 0L);
        return new DashboardView(JsonTimes.iso(f.at()), JsonTimes.iso(f.since()), f.ordersToday(), f.paidToday(),
                f.revenueToday().minor(), f.revenueToday().currency().getCurrencyCode(), f.pendingPayment(),
                new Attention(mismatch + refundRequired + unmatched, mismatch, refundRequired, unmatched),
                f.perMinute().stream().map(m -> new Minute(JsonTimes.iso(m.minute()), m.placed())).toList());
    }
}
