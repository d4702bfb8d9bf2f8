package dev.ordersystem.faults;

import dev.ordersystem.http.sandbox.SandboxRefunds;
import dev.ordersystem.http.sandbox.SandboxTrade;
import dev.ordersystem.http.sandbox.SandboxTradeJournal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * After the run, once the sandbox provider is back, the refunds held to the provider and to what the
 * admin was told (DESIGN §14). First a bounded wait for the refund job (it retries with backoff and
 * records late payments' refunds) to settle every refund; then: every refund is SUCCEEDED or FAILED,
 * a FAILED one with its reason; every SUCCEEDED refund through a provider is a refund the provider
 * made, under the same out_refund_no and for the same amount, and every refund the provider made is
 * one of those (it never gave back money the shop thinks it kept); no order's refunds add up to more
 * than it paid; every late payment has its refund: SUCCEEDED (and the payment REFUNDED) when the
 * provider took the money, FAILED with the provider's reason when the provider never had that trade
 * (the clients' hand-made notifications); every refund the admin was answered 200 for exists. Real
 * late payments — trades the provider took money for while their order is cancelled (the journal and
 * payment_attempt) — are counted: each one the shop learnt of (a payment record) must end REFUNDED,
 * with a SUCCEEDED refund the provider made for the whole amount paid; after {@link LatePaymentPhase}
 * ran, none refunded so is a problem (the check cannot pass for want of a case).
 */
final class RefundChecks {
    private static final Set<String> PROVIDER_METHODS = Set.of("WECHAT", "ALIPAY");

    private record Row(String refundNo, String orderNo, String purpose, String method, String tradeNo, long paidTotal, long amount,
                       String state, String failure, int tries) {
    }

    private record Payment(String channel, String tradeNo, String orderNo, long amount, String status) {
    }

    private final Findings findings = new Findings();
    private final AdminRefunds admin;
    private final SandboxProcess sandbox;
    private final Database db;
    /** How long the refund job may take to settle everything before the checks. */
    private final long settleNanos;
    /** Whether {@link LatePaymentPhase} ran: then there must be real late payments refunded. */
    private final boolean latePhase;
    String summary = "";

    RefundChecks(Database db, SandboxProcess sandbox, AdminRefunds admin, Duration settle, boolean latePhase) {
        this.admin = admin;
        this.latePhase = latePhase;
        this.sandbox = sandbox;
        this.db = db;
        this.settleNanos = settle.toNanos();
    }

    List<String> run() throws SQLException {
        double waited = awaitSettled();
        admin.problems().forEach(this::problem);

        List<Row> rows = rows();
        Map<String, Row> byNo = new HashMap<>();
        for (Row r : rows) byNo.put(r.refundNo(), r);
        SandboxTradeJournal.Replayed provider = sandbox.journal();
        Map<String, SandboxRefunds.SandboxRefund> atProvider = new HashMap<>();
        for (SandboxRefunds.SandboxRefund r : provider.refunds()) atProvider.put(r.channel() + " " + r.refundNo(), r);
        Map<String, SandboxTrade> paidTrades = new HashMap<>();
        for (SandboxTrade t : provider.trades()) {
            if (t.state() == SandboxTrade.State.PAID) paidTrades.put(t.channel() + " " + t.tradeNo().orElseThrow(), t);
        }

        Map<String, Long> states = new TreeMap<>();
        Map<String, Long> orderRefunded = new HashMap<>();
        Map<String, Long> orderPaid = new HashMap<>();
        int matched = 0;
        for (Row r : rows) {
            states.merge(r.purpose() + " " + r.method() + " " + r.state(), 1L, Long::sum);
            if (!r.state().equals("SUCCEEDED") && !r.state().equals("FAILED")) problem("refund " + r + " is " + r.state() + " " + waited + " s after the run");
            if (r.state().equals("FAILED") && (r.failure() == null || r.failure().isBlank())) problem("refund " + r + " FAILED without a reason");
            if (r.state().equals("SUCCEEDED") && PROVIDER_METHODS.contains(r.method())) {
                SandboxRefunds.SandboxRefund made = atProvider.get(r.method() + " " + r.refundNo());
                if (made == null) problem("refund " + r + " is SUCCEEDED but the provider made no refund " + r.refundNo());
                else if (made.amount() != r.amount()) problem("refund " + r + " is SUCCEEDED but the provider refunded " + made.amount());
                else matched++;
            }
            if (r.purpose().equals("ORDER") && !r.state().equals("FAILED")) {
                orderRefunded.merge(r.orderNo(), r.amount(), Long::sum);
                orderPaid.put(r.orderNo(), r.paidTotal());
            }
        }
        orderRefunded.forEach((orderNo, refunded) -> {
            if (refunded > orderPaid.get(orderNo)) problem("order " + orderNo + " has " + refunded + " refunded of " + orderPaid.get(orderNo) + " paid");
        });
        for (SandboxRefunds.SandboxRefund made : atProvider.values()) {
            Row r = byNo.get(made.refundNo());
            if (r == null || !r.state().equals("SUCCEEDED") || !r.method().equals(made.channel().name())) {
                problem("the provider refunded " + made.amount() + " under " + made.channel() + " " + made.refundNo() + " but the shop has " + r);
            }
        }

        List<Payment> payments = payments();
        RealLate real = realLatePayments(rows, provider.trades(), atProvider, payments);
        int lateRefunded = 0, lateUnknownTrade = 0;
        for (Payment p : payments) {
            if (!p.status().equals("REFUND_REQUIRED") && !p.status().equals("REFUNDED")) continue;
            Optional<Row> refund = rows.stream().filter(r -> p.tradeNo().equals(r.tradeNo()) && r.method().equals(p.channel())).findFirst();
            if (refund.isEmpty()) {
                problem("payment " + p + " is " + p.status() + " with no refund " + waited + " s after the run");
                continue;
            }
            if (!refund.get().purpose().equals("LATE_PAYMENT")) continue; // an admin's whole refund of the order: checked above
            boolean providerTookIt = paidTrades.containsKey(p.channel() + " " + p.tradeNo());
            if (providerTookIt && refund.get().state().equals("SUCCEEDED") && p.status().equals("REFUNDED")) lateRefunded++;
            else if (!providerTookIt && refund.get().state().equals("FAILED")) lateUnknownTrade++;
            else problem("late payment " + p + " (the provider " + (providerTookIt ? "took it" : "has no such trade") + ") has refund " + refund.get());
        }

        int told = 0;
        for (AdminRefunds.Told t : admin.told()) {
            told++;
            Row r = byNo.get(t.refundNo());
            if (r == null || !r.orderNo().equals(t.orderNo()) || r.amount() != t.amount()) problem("the admin was answered refund " + t + " but the shop has " + r);
        }
        summary = String.format("waited %.1f s for the refund job; %d refunds %s; %d answered to the admin; %d SUCCEEDED through the provider,"
                        + " all matched by its %d refunds; late payments: %d refunded at the provider, %d refused (trade unknown to the provider);"
                        + " real late payments (paid at the provider after the cancel): %d, %d refunded there in full (%d after a failed try),"
                        + " %d never learnt (no payment record)",
                waited, rows.size(), states, told, matched, atProvider.size(), lateRefunded, lateUnknownTrade, real.count(), real.refunded(),
                real.retried(), real.unlearnt());
        return findings.problems();
    }

    /**
     * Real late payments: how many, how many refunded at the provider in full ({@code retried} of those after
     * a failed call: the API was out), how many the shop never learnt of.
     */
    private record RealLate(int count, int refunded, int retried, int unlearnt) {
    }

    private RealLate realLatePayments(List<Row> rows, List<SandboxTrade> trades, Map<String, SandboxRefunds.SandboxRefund> atProvider,
                                      List<Payment> payments) throws SQLException {
        Map<String, String> orderOfTrade = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT a.out_trade_no, a.order_no FROM payment_attempt a JOIN orders o ON o.order_no = a.order_no WHERE o.status = 'CANCELLED'")) {
            while (rs.next()) orderOfTrade.put(rs.getString(1), rs.getString(2));
        }
        int count = 0, refunded = 0, retried = 0, unlearnt = 0;
        for (SandboxTrade t : trades) {
            String orderNo = orderOfTrade.get(t.outTradeNo());
            if (t.state() != SandboxTrade.State.PAID || orderNo == null) continue;
            count++;
            String channel = t.channel().name();
            String tradeNo = t.tradeNo().orElseThrow();
            Optional<Payment> record = payments.stream().filter(p -> p.channel().equals(channel) && p.tradeNo().equals(tradeNo)).findFirst();
            if (record.isEmpty()) { // its one notification was lost while the provider was down: PaymentChecks allows for that
                unlearnt++;
                continue;
            }
            Optional<Row> refund = rows.stream()
                    .filter(r -> r.method().equals(channel) && tradeNo.equals(r.tradeNo()) && r.state().equals("SUCCEEDED")).findFirst();
            SandboxRefunds.SandboxRefund made = refund.map(r -> atProvider.get(channel + " " + r.refundNo())).orElse(null);
            if (made != null && made.amount() == t.paidMinor() && record.get().status().equals("REFUNDED")) {
                refunded++;
                if (refund.get().tries() > 1) retried++;
            } else problem("trade " + channel + " " + t.outTradeNo() + " was paid (" + t.paidMinor() + ") at the provider after order " + orderNo
                    + " was cancelled, but its payment record is " + record.get() + ", its refund " + refund.orElse(null)
                    + ", the provider's refund " + made);
        }
        if (latePhase && refunded == 0) {
            problem("the late-payment phase ran but no real late payment (paid at the provider after the cancel) was refunded there"
                    + " (" + count + " found)");
        }
        return new RealLate(count, refunded, retried, unlearnt);
    }

    /** Waits (at most {@link #settleNanos}) until nothing is {@link #unsettled}; the seconds it waited. */
    private double awaitSettled() throws SQLException {
        long start = System.nanoTime();
        while (unsettled() > 0 && System.nanoTime() - start < settleNanos) Servers.sleep(1_000);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Refunds still PENDING, and late payments the job has not recorded a refund for yet. */
    private long unsettled() throws SQLException {
        return db.count("SELECT COUNT(*) FROM refund WHERE state = 'PENDING'")
                + db.count("SELECT COUNT(*) FROM payment_record p WHERE p.status = 'REFUND_REQUIRED'"
                + " AND NOT EXISTS (SELECT 1 FROM refund r WHERE r.trade_no = p.trade_no AND r.method = p.channel)");
    }

    private void problem(String text) {
        findings.problem("refunds: " + text);
    }

    private List<Row> rows() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT out_refund_no, order_no, purpose, method, trade_no, paid_total, amount, state, failure, tries FROM refund")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                        rs.getLong(7), rs.getString(8), rs.getString(9), rs.getInt(10)));
            }
        }
        return rows;
    }

    private List<Payment> payments() throws SQLException {
        List<Payment> payments = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT channel, trade_no, order_no, amount, status FROM payment_record")) {
            while (rs.next()) payments.add(new Payment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
        }
        return payments;
    }
}
