package dev.ordersystem.faults;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every row of every table of the run's database, as a digest of its columns keyed by its
 * primary key: two snapshots tell exactly which rows a request added, removed or changed, in any
 * table, so "nothing was written" and "only this row was written" can be checked.
 */
final class TableRows {
    /** What changed in one table between two snapshots. */
    record Change(int added, int removed, int changed) {
        static final Change NONE = new Change(0, 0, 0);

        @Override
        public String toString() {
            return "+" + added + " -" + removed + " ~" + changed;
        }
    }

    /**
     * The columns background duties move in rows that exist already: a refund's state, tries, next
     * try, the provider's last word, failure and end, which the refund job (every instance, every 5 s)
     * and WeChat's refund notifications write while the refund settles.
     */
    static final Map<String, Set<String>> BACKGROUND_COLUMNS = Map.of(
            "refund", Set.of("state", "failure", "provider_state", "tries", "next_try_at", "ended_at"));

    /** Each row's digest of all its columns; and of all but its {@link #BACKGROUND_COLUMNS}. */
    private final Map<String, Map<String, String>> rows;
    private final Map<String, Map<String, String>> ownRows;

    private TableRows(Map<String, Map<String, String>> rows, Map<String, Map<String, String>> ownRows) {
        this.rows = rows;
        this.ownRows = ownRows;
    }

    static TableRows of(Database db) throws SQLException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        Map<String, Map<String, String>> ownRows = new TreeMap<>();
        try (Connection c = db.connect()) {
            for (Map.Entry<String, List<String>> table : primaryKeys(c, db.name()).entrySet()) {
                Set<String> background = BACKGROUND_COLUMNS.getOrDefault(table.getKey(), Set.of());
                Map<String, String> all = new TreeMap<>();
                Map<String, String> own = background.isEmpty() ? all : new TreeMap<>();
                read(c, table.getKey(), table.getValue(), background, all, own);
                rows.put(table.getKey(), all);
                ownRows.put(table.getKey(), own);
            }
        }
        return new TableRows(rows, ownRows);
    }

    /**
     * {@link #since}, less what the event publisher does in the background whenever events were
     * committed: it numbers them (outbox rows changed) and moves its cursor (outbox_publisher); and
     * what the webhook workers do with events committed before (deliveries made, attempted,
     * settled, each attempt logged in webhook_attempt; the endpoint's failing flag); and the payment sync asking the provider about open trades
     * (payment_attempt rows changed: when it last asked, what the provider said, closed); and the
     * refund job and WeChat's refund notifications settling refunds: the columns of a refund row they
     * own ({@link #BACKGROUND_COLUMNS}) are left out of the comparison, the rest of the row is not.
     * The events a request writes are outbox rows added, the trades it starts payment_attempt rows
     * added, the refunds it records refund rows added (or an existing refund's amount, reason, lines
     * changed): all still count, so a refused request that wrote a refund is still caught. The
     * refund job also adds rows by itself — a late payment's refund, its payment record changed — so
     * the suite lets it settle every late payment first ({@link RefundChecks} waits) and no late
     * payment arrives after the traffic: a row the job adds meanwhile would be counted, never excused.
     */
    Map<String, Change> writtenSince(TableRows earlier) {
        Map<String, Change> changes = compare(ownRows, earlier.ownRows);
        changes.remove("outbox_publisher");
        changes.remove("webhook_delivery");
        changes.remove("webhook_attempt");
        changes.remove("webhook_endpoint");
        for (String table : List.of("outbox", "payment_attempt")) {
            changes.computeIfPresent(table, (name, c) -> c.added() + c.removed() == 0 ? null : new Change(c.added(), c.removed(), 0));
        }
        return changes;
    }

    /** The tables that differ from {@code earlier}, each with its change; empty when nothing was written. */
    Map<String, Change> since(TableRows earlier) {
        return compare(rows, earlier.rows);
    }

    private static Map<String, Change> compare(Map<String, Map<String, String>> later, Map<String, Map<String, String>> earlier) {
        Map<String, Change> changes = new TreeMap<>();
        TreeSet<String> tables = new TreeSet<>(later.keySet());
        tables.addAll(earlier.keySet());
        for (String table : tables) {
            Map<String, String> now = later.getOrDefault(table, Map.of());
            Map<String, String> before = earlier.getOrDefault(table, Map.of());
            int added = 0, removed = 0, changed = 0;
            for (Map.Entry<String, String> row : now.entrySet()) {
                String old = before.get(row.getKey());
                if (old == null) added++;
                else if (!old.equals(row.getValue())) changed++;
            }
            for (String key : before.keySet()) if (!now.containsKey(key)) removed++;
            if (added + removed + changed > 0) changes.put(table, new Change(added, removed, changed));
        }
        return changes;
    }

    /** information_schema: each base table of the schema with its primary-key columns in key order. */
    private static Map<String, List<String>> primaryKeys(Connection c, String schema) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT k.TABLE_NAME, k.COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE k
                JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = k.TABLE_SCHEMA AND t.TABLE_NAME = k.TABLE_NAME
                WHERE k.TABLE_SCHEMA = ? AND k.CONSTRAINT_NAME = 'PRIMARY' AND t.TABLE_TYPE = 'BASE TABLE'
                ORDER BY k.TABLE_NAME, k.ORDINAL_POSITION""")) {
            q.setString(1, schema);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) keys.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return keys;
    }

    /**
     * Reads {@code table} once: by primary key, each row's digest of all its columns into {@code all}
     * and, when {@code leftOut} names some, of the others into {@code own}.
     */
    private static void read(Connection c, String table, List<String> key, Set<String> leftOut,
                             Map<String, String> all, Map<String, String> own) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "`")) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            boolean[] background = new boolean[columns + 1];
            for (int i = 1; i <= columns; i++) background[i] = leftOut.contains(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            while (rs.next()) {
                MessageDigest digest = sha256();
                MessageDigest ownDigest = leftOut.isEmpty() ? null : sha256();
                for (int i = 1; i <= columns; i++) {
                    // getString is exact for every column type here (text, integers, DATETIME(6), booleans).
                    String value = rs.getString(i);
                    byte[] cell = (value == null ? "N;" : "V" + value.length() + ":" + value).getBytes(StandardCharsets.UTF_8);
                    digest.update(cell);
                    if (ownDigest != null && !background[i]) ownDigest.update(cell);
                }
                StringBuilder id = new StringBuilder();
                for (String column : key) id.append(Objects.toString(rs.getString(column))).append('|');
                all.put(id.toString(), HexFormat.of().formatHex(digest.digest()));
                if (ownDigest != null) own.put(id.toString(), HexFormat.of().formatHex(ownDigest.digest()));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
