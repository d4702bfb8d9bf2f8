package dev.ordersystem.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * After the run, the webhook receiver held to the outbox and to what the clients saw (DESIGN §15):
 * once every delivery is settled (bounded wait), the distinct webhook-ids accepted are exactly the
 * outbox's events; each order's events are those of its changes (every status a client was told
 * of has its event; none extra, none twice); and per order no event arrived before the one before
 * it was accepted.
 */
final class WebhookChecks {
    /** The events an order in a status has had, in order (as the §7 audit expects them). */
    private static final Map<String, List<String>> LIFECYCLE = Map.of(
            "PENDING_PAYMENT", List.of("order.placed"),
            "PAID", List.of("order.placed", "order.paid"),
            "SHIPPED", List.of("order.placed", "order.paid", "order.shipped"),
            "COMPLETED", List.of("order.placed", "order.paid", "order.shipped", "order.completed"),
            "CANCELLED", List.of("order.placed", "order.cancelled"),
            "REFUNDED", List.of("order.placed", "order.paid", "order.refunded"));
    /** The event a client seeing an order in a status proves was written. */
    private static final Map<String, String> SEEN_EVENT = Map.of("PENDING_PAYMENT", "order.placed", "PAID", "order.paid",
            "SHIPPED", "order.shipped", "COMPLETED", "order.completed", "CANCELLED", "order.cancelled", "REFUNDED", "order.refunded");

    private record Event(long id, String type, String orderNo) {
        String webhookId() {
            return "evt_" + id;
        }
    }

    private final Database db;
    private final WebhookReceiver receiver;
    private final Ledger ledger;
    final List<String> problems = new ArrayList<>();
    String summary = "";

    WebhookChecks(Database db, WebhookReceiver receiver, Ledger ledger) {
        this.db = db;
        this.receiver = receiver;
        this.ledger = ledger;
    }

    /** Waits (at most {@code timeout}) until every event has a delivery and every delivery is settled, then checks. */
    List<String> run(Duration timeout) throws SQLException {
        long start = System.nanoTime();
        String left = unsettled();
        while (!left.isEmpty() && System.nanoTime() - start < timeout.toNanos()) {
            Servers.sleep(500);
            left = unsettled();
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (!left.isEmpty()) {
            problems.add("webhooks: not all delivered " + timeout.toSeconds() + " s after the run: " + left);
            return problems;
        }
        receiver.problems().forEach(p -> problems.add("webhook receiver: " + p));
        List<Event> events = events();
        Map<String, String> statuses = db.orderStatuses();
        List<WebhookReceiver.Arrival> arrivals = receiver.arrivals();
        compareIds(events, arrivals);
        compareWithOrders(events, statuses);
        checkOrderPerOrder(events, arrivals);
        summary = String.format("%d events, all delivered %.1f s after the drain; receiver %s", events.size(), waited, receiver.counts());
        return problems;
    }

    /** Empty when every outbox event has its delivery and none is still pending; else what is left. */
    private String unsettled() throws SQLException {
        long events = db.count("SELECT COUNT(*) FROM outbox");
        long deliveries = db.count("SELECT COUNT(*) FROM webhook_delivery");
        long open = db.count("SELECT COUNT(*) FROM webhook_delivery WHERE status <> 'DELIVERED'");
        if (events == deliveries && open == 0) return "";
        return events + " events, " + deliveries + " deliveries, " + open + " not DELIVERED ("
                + db.text("SELECT GROUP_CONCAT(CONCAT(status, ' ', n)) FROM (SELECT status, COUNT(*) n FROM webhook_delivery GROUP BY status) s") + ")";
    }

    private List<Event> events() throws SQLException {
        List<Event> events = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, event_type, order_no FROM outbox ORDER BY id")) {
            while (rs.next()) events.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
        return events;
    }

    /** Distinct webhook-ids accepted = the outbox's events; an arrival of an id the outbox lacks is invented. */
    private void compareIds(List<Event> events, List<WebhookReceiver.Arrival> arrivals) {
        Set<String> written = new HashSet<>();
        events.forEach(e -> written.add(e.webhookId()));
        Set<String> accepted = new HashSet<>();
        Set<String> arrived = new HashSet<>();
        for (WebhookReceiver.Arrival a : arrivals) {
            arrived.add(a.id());
            if (a.accepted()) accepted.add(a.id());
        }
        Set<String> missing = new HashSet<>(written);
        missing.removeAll(accepted);
        Set<String> invented = new HashSet<>(arrived);
        invented.removeAll(written);
        if (!missing.isEmpty()) problems.add("webhooks: " + missing.size() + " events never accepted by the receiver, e.g. " + first(missing));
        if (!invented.isEmpty()) problems.add("webhooks: " + invented.size() + " webhook-ids not in the outbox, e.g. " + first(invented));
        if (accepted.size() != written.size() && missing.isEmpty() && invented.isEmpty()) {
            problems.add("webhooks: " + accepted.size() + " distinct ids accepted for " + written.size() + " events");
        }
    }

    /**
     * An order's events that changed its status: a partial refund (DESIGN §14) writes
     * {@code order.refunded} and leaves the status as it was, so those are left out, as the §7 audit
     * does; a REFUNDED order's events end with the {@code order.refunded} of its whole refund.
     */
    static List<String> statusChanges(List<String> events, String status) {
        List<String> changes = new ArrayList<>(events.stream().filter(e -> !e.equals("order.refunded")).toList());
        if ("REFUNDED".equals(status) && !events.isEmpty() && events.getLast().equals("order.refunded")) changes.add("order.refunded");
        return changes;
    }

    /** Per order: its lifecycle events are those of its status, once each; every status a client saw has its event. */
    private void compareWithOrders(List<Event> events, Map<String, String> statuses) {
        Map<String, List<String>> byOrder = new HashMap<>();
        for (Event e : events) if (e.type().startsWith("order.")) byOrder.computeIfAbsent(e.orderNo(), k -> new ArrayList<>()).add(e.type());
        int shown = 0;
        for (Map.Entry<String, List<String>> order : byOrder.entrySet()) {
            String status = statuses.get(order.getKey());
            List<String> expected = status == null ? List.of() : LIFECYCLE.getOrDefault(status, List.of());
            if (!statusChanges(order.getValue(), status).equals(expected) && shown++ < 20) {
                problems.add("webhooks: order " + order.getKey() + " (" + status + ") has events " + order.getValue() + ", expected " + expected);
            }
        }
        for (Map.Entry<String, String> status : statuses.entrySet()) {
            if (!byOrder.containsKey(status.getKey()) && shown++ < 20) problems.add("webhooks: order " + status.getKey() + " has no event");
        }
        ledger.seenStatuses().forEach((orderNo, seen) -> {
            List<String> had = byOrder.getOrDefault(orderNo, List.of());
            for (String status : seen) {
                String event = SEEN_EVENT.get(status);
                if (event != null && !had.contains(event)) problems.add("webhooks: a client saw order " + orderNo + " " + status + ", but no " + event + " was written");
            }
        });
    }

    /** No event of an order arrived before the previous event of that order was accepted. */
    private void checkOrderPerOrder(List<Event> events, List<WebhookReceiver.Arrival> arrivals) {
        Map<String, Long> firstArrival = new HashMap<>();
        Map<String, Long> acceptedAt = new HashMap<>();
        for (WebhookReceiver.Arrival a : arrivals) {
            firstArrival.merge(a.id(), a.seq(), Math::min);
            if (a.accepted()) acceptedAt.merge(a.id(), a.seq(), Math::min);
        }
        Map<String, List<Event>> byOrder = new TreeMap<>();
        for (Event e : events) byOrder.computeIfAbsent(e.orderNo(), k -> new ArrayList<>()).add(e);
        int shown = 0;
        for (List<Event> trail : byOrder.values()) {
            for (int i = 1; i < trail.size(); i++) {
                Event before = trail.get(i - 1), after = trail.get(i);
                Long accepted = acceptedAt.get(before.webhookId());
                Long arrived = firstArrival.get(after.webhookId());
                if (accepted != null && arrived != null && arrived < accepted && shown++ < 20) {
                    problems.add("webhooks: order " + after.orderNo() + ": " + after.type() + " (" + after.webhookId() + ") arrived before "
                            + before.type() + " (" + before.webhookId() + ") was accepted");
                }
            }
        }
    }

    private static String first(Set<String> ids) {
        return ids.stream().sorted().limit(5).toList().toString();
    }
}
