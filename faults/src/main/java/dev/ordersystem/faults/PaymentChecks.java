package dev.ordersystem.faults;

import dev.ordersystem.http.sandbox.SandboxTrade;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * After the run, the payment loop held to the provider and the database (DESIGN §13): every start
 * answered 201 is a trade at the provider and a payment_attempt row; no order was paid through two
 * trades; every loop order that ended paid has exactly one payment record; every trade the provider
 * took money for is a payment record of its order (never an order cancelled while paid at the
 * provider); no cancelled order has a trade still open at the provider, and no order more than one.
 * The only allowance is the one §13 makes: while the provider is unreachable, a cancel goes ahead
 * without closing (the trade's own deadline stops payments), and a payment whose notification the
 * shop did not acknowledge can then only be learnt later — both only for an order the provider was
 * down at some time in the life of.
 */
final class PaymentChecks {
    private static final Set<String> PAID_STATUSES = Set.of("PAID", "SHIPPED", "COMPLETED", "REFUNDED");
    private static final Set<String> LATE = Set.of("REFUND_REQUIRED", "REFUNDED");

    private record Attempt(String orderNo, String channel, String state) {
    }

    private record OrderRow(String status, Instant createdAt, Optional<Instant> cancelledAt) {
    }

    private record Record(String orderNo, String channel, String tradeNo, String status) {
    }

    private final Database db;
    private final PaymentLedger ledger;
    private final SandboxProcess sandbox;
    private final List<String> problems = new ArrayList<>();
    String summary = "";

    PaymentChecks(Database db, PaymentLedger ledger, SandboxProcess sandbox) {
        this.db = db;
        this.ledger = ledger;
        this.sandbox = sandbox;
    }

    List<String> run() throws SQLException {
        Map<String, SandboxTrade> trades = new HashMap<>();
        for (SandboxTrade t : sandbox.journal().trades()) trades.put(t.outTradeNo(), t);
        Map<String, Attempt> attempts = attempts();
        Map<String, OrderRow> orders = orders();
        List<Record> records = records();
        Map<String, List<Record>> recordsByOrder = new HashMap<>();
        for (Record r : records) recordsByOrder.computeIfAbsent(r.orderNo(), k -> new ArrayList<>()).add(r);

        Set<String> loopOrders = new HashSet<>();
        for (PaymentLedger.Started started : ledger.started()) {
            loopOrders.add(started.orderNo());
            // Alipay's page and WAP trades exist at Alipay only once the buyer opened the pay address.
            boolean opensLater = started.scene().equals("PAGE") || started.scene().equals("WAP");
            if (!opensLater && !trades.containsKey(started.outTradeNo())) problem("start answered " + started + " but the provider has no such trade");
            Attempt attempt = attempts.get(started.outTradeNo());
            if (attempt == null || !attempt.orderNo().equals(started.orderNo())) problem("start answered " + started + " but payment_attempt has " + attempt);
        }

        Map<String, List<SandboxTrade>> tradesByOrder = new HashMap<>();
        for (SandboxTrade t : trades.values()) {
            Attempt attempt = attempts.get(t.outTradeNo());
            if (attempt == null) {
                problem("the provider has trade " + t.outTradeNo() + " (" + t.state() + ") that no payment_attempt row names");
                continue;
            }
            tradesByOrder.computeIfAbsent(attempt.orderNo(), k -> new ArrayList<>()).add(t);
        }
        Map<String, PaymentLedger.CashierPaid> cashier = new HashMap<>();
        for (PaymentLedger.CashierPaid paid : ledger.paid()) cashier.put(paid.outTradeNo(), paid);
        for (PaymentLedger.CashierPaid paid : ledger.paid()) {
            SandboxTrade t = trades.get(paid.outTradeNo());
            if (t == null || t.state() != SandboxTrade.State.PAID) problem("the cashier answered paid for " + paid + " but the provider's trade is " + t);
        }

        int paidTrades = 0, excused = 0, openAfterCancel = 0;
        for (Map.Entry<String, List<SandboxTrade>> entry : tradesByOrder.entrySet()) {
            String orderNo = entry.getKey();
            OrderRow order = orders.get(orderNo);
            List<Record> its = recordsByOrder.getOrDefault(orderNo, List.of());
            List<SandboxTrade> paid = entry.getValue().stream().filter(t -> t.state() == SandboxTrade.State.PAID).toList();
            List<SandboxTrade> open = entry.getValue().stream().filter(t -> t.state() == SandboxTrade.State.WAITING).toList();
            paidTrades += paid.size();
            if (paid.size() > 1) problem("order " + orderNo + " was paid through " + paid.size() + " trades at the provider");
            if (paid.size() + open.size() > 1 && !outageDuringLife(order)) {
                problem("order " + orderNo + " had " + (paid.size() + open.size()) + " trades not closed at the provider (payable through two)");
            }
            for (SandboxTrade t : paid) {
                boolean recorded = its.stream().anyMatch(r -> r.tradeNo().equals(t.tradeNo().orElse("?")));
                PaymentLedger.CashierPaid told = cashier.get(t.outTradeNo());
                boolean acknowledged = told != null && told.notified();
                // A late payment is recorded REFUND_REQUIRED, and REFUNDED once the refund job gave it back (RefundChecks).
                if (recorded && (PAID_STATUSES.contains(order.status()) || its.stream().anyMatch(r -> LATE.contains(r.status())))) continue;
                if (!recorded && !acknowledged && order.status().equals("CANCELLED") && outageDuringLife(order)) {
                    excused++;
                    continue;
                }
                problem("trade " + t.outTradeNo() + " was paid at the provider (" + t.tradeNo().orElse("?") + ", notification "
                        + (acknowledged ? "acknowledged" : "not acknowledged") + ") but order " + orderNo + " is " + order.status()
                        + " with payment records " + its);
            }
            for (SandboxTrade t : open) {
                Attempt attempt = attempts.get(t.outTradeNo());
                if (attempt.state().equals("CLOSED")) problem("payment_attempt " + t.outTradeNo() + " says CLOSED, the provider's trade is open");
            }
            if (order.status().equals("CANCELLED") && !open.isEmpty()) {
                if (outageDuringLife(order)) openAfterCancel++;
                else problem("order " + orderNo + " was cancelled at " + order.cancelledAt().orElse(null) + " with trade "
                        + open.getFirst().outTradeNo() + " still open at the provider (no sandbox outage near)");
            }
        }

        int endedPaid = 0;
        for (String orderNo : loopOrders) {
            OrderRow order = orders.get(orderNo);
            if (order == null || !PAID_STATUSES.contains(order.status())) continue;
            endedPaid++;
            List<Record> its = recordsByOrder.getOrDefault(orderNo, List.of());
            // An admin's whole refund flags the payment REFUND_REQUIRED until the money is back (REFUNDED).
            Set<String> expected = order.status().equals("REFUNDED") ? Set.of("SUCCEEDED", "REFUND_REQUIRED", "REFUNDED") : Set.of("SUCCEEDED");
            if (its.size() != 1 || !expected.contains(its.getFirst().status())) {
                problem("order " + orderNo + " of the payment loop is " + order.status() + " with payment records " + its + " (expected one " + expected + ")");
            }
        }
        summary = String.format("%d starts answered on %d orders, %d trades at the provider (%d paid, %d at the cashier), %d loop orders ended paid;"
                        + " allowed by an outage: %d cancelled with a trade left open, %d paid trades not learnt",
                ledger.started().size(), loopOrders.size(), trades.size(), paidTrades, ledger.paid().size(), endedPaid, openAfterCancel, excused);
        return problems;
    }

    private void problem(String text) {
        if (problems.size() < 50) problems.add("payments: " + text);
    }

    /**
     * Whether the provider was down at some time between the order's placement and its cancellation:
     * only then may a provider call of its cancel (query, close) have failed. A call that fails does so
     * between the kill and the restart, after the order was placed and before its cancel commits;
     * so no margin is needed, however slow the machine.
     */
    private boolean outageDuringLife(OrderRow order) {
        Instant end = order.cancelledAt().orElse(Instant.now());
        for (SandboxProcess.Outage o : sandbox.outages()) {
            if (!o.from().isAfter(end) && !o.until().isBefore(order.createdAt())) return true;
        }
        return false;
    }

    private Map<String, Attempt> attempts() throws SQLException {
        Map<String, Attempt> attempts = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT out_trade_no, order_no, channel, state FROM payment_attempt")) {
            while (rs.next()) attempts.put(rs.getString(1), new Attempt(rs.getString(2), rs.getString(3), rs.getString(4)));
        }
        return attempts;
    }

    private Map<String, OrderRow> orders() throws SQLException {
        Map<String, OrderRow> orders = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT order_no, status, created_at, cancelled_at FROM orders")) {
            while (rs.next()) {
                // DATETIME(6) columns hold UTC wall time (the app's SqlTimes).
                LocalDateTime cancelled = rs.getObject(4, LocalDateTime.class);
                orders.put(rs.getString(1), new OrderRow(rs.getString(2), rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        Optional.ofNullable(cancelled).map(t -> t.toInstant(ZoneOffset.UTC))));
            }
        }
        return orders;
    }

    private List<Record> records() throws SQLException {
        List<Record> records = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT order_no, channel, trade_no, status FROM payment_record")) {
            while (rs.next()) records.add(new Record(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
        return records;
    }
}
