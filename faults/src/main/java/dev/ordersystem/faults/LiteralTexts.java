package dev.ordersystem.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.harness.Json;
import dev.ordersystem.harness.WireReply;
import dev.ordersystem.harness.WireRequest;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The free-text fields whose rules let injection strings through (a password; an address's
 * recipient, region and detail; a product's name and description; an admin's stock and top-up
 * reasons; the snapshots of these on an order) must store them literally (DESIGN §10/§12): each
 * string is sent, read back byte for byte from the API and from the database, and the tables are
 * compared row by row before and after, so the write touched exactly the rows it should and the
 * text had no SQL effect anywhere else. The fields whose rules refuse these strings are checked by
 * {@link SecurityPass}.
 */
final class LiteralTexts {
    private static final String PHONE = "+86 135-0000-0000";

    private final FaultShop shop;
    private final Database db;
    private final Findings findings;
    private final List<String> injections;

    LiteralTexts(FaultShop shop, Database db, Findings findings, List<String> injections) {
        this.shop = shop;
        this.db = db;
        this.findings = findings;
        this.injections = injections;
    }

    /** Runs every check with {@code buyer} (a user of the pass) and a new user of its own. */
    void run(String runId, FaultShop.Buyer buyer) throws IOException, InterruptedException, SQLException {
        password("sp" + runId);
        List<Long> products = products();
        Map<String, Long> addresses = addresses(buyer);
        orderSnapshots(buyer, addresses, products);
        stockReasons(products.getFirst());
        topUpReasons(buyer);
    }

    /** One password made of every injection string (119 characters, NUL included): a login must need all of it. */
    private void password(String username) throws IOException, InterruptedException, SQLException {
        String password = String.join("", injections);
        TableRows before = TableRows.of(db);
        WireReply registered = send(null, "POST", "/api/v1/auth/register", Map.of("username", username, "password", password));
        if (!expectStatus("register with an injection password", registered, 201)) return;
        expectChanges("register with an injection password", before, Map.of("user_account", added(1), "balance", added(1)));

        before = TableRows.of(db);
        WireReply login = send(null, "POST", "/api/v1/auth/login", Map.of("username", username, "password", password));
        expectStatus("log in with the exact injection password", login, 200);
        String withoutNul = password.replace("\u0000", "");
        String cutAtNul = password.substring(0, password.indexOf('\u0000'));
        for (String wrong : List.of(withoutNul, cutAtNul)) {
            WireReply refused = send(null, "POST", "/api/v1/auth/login", Map.of("username", username, "password", wrong));
            findings.check(refused.status() == 401 && refused.code() == 40100, () ->
                    "log in with the injection password " + (wrong.equals(withoutNul) ? "without its NUL" : "cut at its NUL")
                            + ": expected 401/40100 (the password is stored whole), got " + refused);
        }
        expectChanges("logins with injection passwords", before, Map.of("access_token", added(1)));
    }

    /** Products named and described by each string, then renamed to another: API and database hold them exactly. */
    private List<Long> products() throws IOException, InterruptedException, SQLException {
        List<Long> ids = new ArrayList<>();
        TableRows before = TableRows.of(db);
        for (String evil : injections) {
            String description = evil + " (description)";
            WireReply created = send(shop.adminToken, "POST", "/api/v1/admin/products",
                    Map.of("name", evil, "description", description, "price", 100, "stock", 5, "onSale", true));
            if (!expectStatus("product named " + show(evil), created, 201)) continue;
            long id = created.json().get("id").asLong();
            ids.add(id);
            productReadBack("product named " + show(evil), id, created.json(), evil, description);
        }
        expectChanges("products with injection names", before,
                Map.of("product", added(ids.size()), "stock", added(ids.size()), "stock_movement", added(ids.size())));

        before = TableRows.of(db);
        for (int i = 0; i < ids.size(); i++) {
            String name = injections.get((i + 1) % injections.size());
            String description = injections.get((i + 2) % injections.size());
            WireReply patched = send(shop.adminToken, "PATCH", "/api/v1/admin/products/" + ids.get(i),
                    Map.of("name", name, "description", description));
            if (expectStatus("product renamed to " + show(name), patched, 200)) {
                productReadBack("product renamed to " + show(name), ids.get(i), patched.json(), name, description);
            }
        }
        expectChanges("products renamed to injection strings", before, Map.of("product", changed(ids.size())));
        return ids;
    }

    private void productReadBack(String what, long id, JsonNode answered, String name, String description)
            throws IOException, InterruptedException, SQLException {
        JsonNode read = send(null, "GET", "/api/v1/products/" + id, null).json();
        for (JsonNode view : List.of(answered, read)) {
            same(what + ": name in the API", name, view.path("name").asText(null));
            same(what + ": description in the API", description, view.path("description").asText(null));
        }
        same(what + ": name in the database", name, db.text("SELECT name FROM product WHERE id = ?", id));
        same(what + ": description in the database", description, db.text("SELECT description FROM product WHERE id = ?", id));
    }

    /** An address per string (recipient, region, detail); the phone rule refuses them, so it stays valid. */
    private Map<String, Long> addresses(FaultShop.Buyer buyer) throws IOException, InterruptedException, SQLException {
        Map<String, Long> ids = new HashMap<>();
        TableRows before = TableRows.of(db);
        for (String evil : injections) {
            Map<String, Object> address = Map.of("recipient", evil, "phone", PHONE, "region", evil + " region", "detail", evil + " detail");
            WireReply created = send(buyer.token(), "POST", "/api/v1/me/addresses", address);
            if (!expectStatus("address of " + show(evil), created, 201)) continue;
            long id = created.json().get("id").asLong();
            ids.put(evil, id);
            JsonNode listed = null;
            for (JsonNode a : send(buyer.token(), "GET", "/api/v1/me/addresses?limit=100", null).json().path("items")) {
                if (a.path("id").asLong() == id) listed = a;
            }
            findings.check(listed != null, () -> "address " + id + " of " + show(evil) + " is not listed");
            for (JsonNode view : listed == null ? List.of(created.json()) : List.of(created.json(), listed)) {
                sameAddress("address of " + show(evil) + " in the API", evil, view);
            }
            same("address of " + show(evil) + ": recipient in the database", evil, db.text("SELECT recipient FROM address WHERE id = ?", id));
            same("address of " + show(evil) + ": region in the database", evil + " region", db.text("SELECT region FROM address WHERE id = ?", id));
            same("address of " + show(evil) + ": detail in the database", evil + " detail", db.text("SELECT detail FROM address WHERE id = ?", id));
        }
        expectChanges("addresses of injection strings", before, Map.of("address", added(ids.size())));
        return ids;
    }

    private void sameAddress(String what, String evil, JsonNode view) {
        same(what + ": recipient", evil, view.path("recipient").asText(null));
        same(what + ": region", evil + " region", view.path("region").asText(null));
        same(what + ": detail", evil + " detail", view.path("detail").asText(null));
        same(what + ": phone", PHONE, view.path("phone").asText(null));
    }

    /** Two orders (paid by balance) to injection addresses for injection-named products: the snapshots hold the strings. */
    private void orderSnapshots(FaultShop.Buyer buyer, Map<String, Long> addresses, List<Long> products)
            throws IOException, InterruptedException, SQLException {
        List<String> picked = injections.stream().filter(e -> e.contains("\u0000") || e.contains("DROP")).toList();
        if (products.size() < picked.size()) return; // already reported: the products were not created
        TableRows before = TableRows.of(db);
        int placed = 0;
        for (int i = 0; i < picked.size(); i++) {
            String evil = picked.get(i);
            Long addressId = addresses.get(evil);
            if (addressId == null) continue;
            long product = products.get(injections.indexOf(evil) % products.size());
            String productName = db.text("SELECT name FROM product WHERE id = ?", product);
            WireReply reply = send(buyer.token(), "POST", "/api/v1/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1)),
                    "addressId", addressId, "paymentMethod", "BALANCE"));
            if (!expectStatus("order to the address of " + show(evil), reply, 201)) continue;
            placed++;
            String orderNo = reply.json().get("orderNo").asText();
            JsonNode read = send(buyer.token(), "GET", "/api/v1/orders/" + orderNo, null).json();
            for (JsonNode view : List.of(reply.json(), read)) {
                sameAddress("order " + orderNo + " shipping address", evil, view.path("shippingAddress"));
                same("order " + orderNo + " item name", productName, view.path("items").path(0).path("productName").asText(null));
            }
            same("order " + orderNo + ": ship_recipient in the database", evil, db.text("SELECT ship_recipient FROM orders WHERE order_no = ?", orderNo));
            same("order " + orderNo + ": ship_detail in the database", evil + " detail", db.text("SELECT ship_detail FROM orders WHERE order_no = ?", orderNo));
            same("order " + orderNo + ": product_name in the database", productName,
                    db.text("SELECT product_name FROM order_item WHERE order_no = ? AND line_no = 1", orderNo));
        }
        // Each order paid by balance writes two events in its transaction: order.placed and order.paid.
        expectChanges("orders to injection addresses", before, Map.of("orders", added(placed), "order_item", added(placed),
                "balance_journal", added(placed), "balance", changed(placed > 0 ? 1 : 0), "stock", changed(placed),
                "outbox", added(2 * placed)));
    }

    private void stockReasons(long product) throws IOException, InterruptedException, SQLException {
        TableRows before = TableRows.of(db);
        int done = 0;
        for (String evil : injections) {
            WireReply reply = send(shop.adminToken, "POST", "/api/v1/admin/products/" + product + "/stock", Map.of("delta", 1, "reason", evil));
            if (!expectStatus("stock reason " + show(evil), reply, 200)) continue;
            done++;
            same("stock reason " + show(evil) + " in the database", evil,
                    db.text("SELECT reason FROM stock_movement WHERE product_id = ? ORDER BY id DESC LIMIT 1", product));
        }
        expectChanges("stock adjustments with injection reasons", before, Map.of("stock_movement", added(done), "stock", changed(done > 0 ? 1 : 0)));
    }

    private void topUpReasons(FaultShop.Buyer buyer) throws IOException, InterruptedException, SQLException {
        TableRows before = TableRows.of(db);
        int done = 0;
        for (String evil : injections) {
            WireReply reply = send(shop.adminToken, "POST", "/api/v1/admin/users/" + buyer.userId() + "/balance", Map.of("amount", 1, "reason", evil));
            if (!expectStatus("top-up reason " + show(evil), reply, 200)) continue;
            done++;
            // The journal's reference is "topup:<uuid>:<reason>" (unique per top-up).
            String reference = db.text("SELECT reference FROM balance_journal WHERE user_id = ? ORDER BY id DESC LIMIT 1", buyer.userId());
            findings.check(reference != null && reference.endsWith(":" + evil), () ->
                    "top-up reason " + show(evil) + ": the journal holds " + show(reference));
        }
        expectChanges("top-ups with injection reasons", before, Map.of("balance_journal", added(done), "balance", changed(done > 0 ? 1 : 0)));
    }

    private WireReply send(String token, String method, String path, Object body) throws IOException, InterruptedException {
        // Registering and logging in hash slowly by design: a generous timeout.
        return shop.cluster.http(0).send(WireRequest.of(method, path).withToken(token).withBody(body == null ? null : Json.write(body))
                .withTimeout(java.time.Duration.ofSeconds(60)));
    }

    private boolean expectStatus(String what, WireReply reply, int status) {
        findings.check(reply.status() == status, () -> what + ": expected " + status + ", got " + reply);
        return reply.status() == status;
    }

    private void same(String what, String expected, String actual) {
        findings.check(expected.equals(actual), () -> what + ": sent " + show(expected) + ", read back " + show(actual));
    }

    private void expectChanges(String what, TableRows before, Map<String, TableRows.Change> expected) throws SQLException {
        Map<String, TableRows.Change> wanted = new HashMap<>(expected);
        wanted.values().removeIf(TableRows.Change.NONE::equals);
        Map<String, TableRows.Change> actual = TableRows.of(db).writtenSince(before);
        findings.check(actual.equals(wanted), () -> what + ": expected the rows " + wanted + " to change, but " + actual + " did");
    }

    private static TableRows.Change added(int rows) {
        return new TableRows.Change(rows, 0, 0);
    }

    private static TableRows.Change changed(int rows) {
        return new TableRows.Change(0, 0, rows);
    }

    /** Shows control and bidi characters as escapes, so a report line says what was sent. */
    static String show(String text) {
        if (text == null) return "null";
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Set.of(0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e).contains(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
