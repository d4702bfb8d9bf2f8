package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ordersystem.http.ErrorCodesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes the admin console reads (DESIGN §16) over HTTP: what they answer, that only the admin
 * token opens them, and that bad input is a problem naming the field; and the console's pages with
 * their security headers.
 */
class AdminConsoleRoutesTest {
    private static final Pattern IMPORT = Pattern.compile("(?m)^import \\{[^}]*} from '\\./([a-z]+\\.js)';$");
    private final TestServer server = TestServer.start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theDashboardCountsTodaysOrdersRevenueAndWhatWaits() {
        Buyer buyer = shop.buyer();
        long tea = shop.product("Oolong", 1_250, 10);
        shop.topUp(buyer.userId(), 10_000);
        shop.placed(buyer, tea, 2, "BALANCE");
        shop.placed(buyer, tea, 1, "WECHAT");

        Reply dashboard = server.get("/api/v1/admin/dashboard", TestServer.ADMIN);

        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
        JsonNode figures = dashboard.json();
        assertThat(figures.get("ordersToday").asLong()).isEqualTo(2);
        assertThat(figures.get("paidOrdersToday").asLong()).isEqualTo(1);
        assertThat(figures.get("revenueToday").asLong()).isEqualTo(2_500);
        assertThat(figures.get("currency").asText()).isEqualTo("CNY");
        assertThat(figures.get("pendingPayments").asLong()).isEqualTo(1);
        assertThat(figures.get("paymentsNeedingAttention").get("total").asLong()).isZero();
        JsonNode minutes = figures.get("ordersPerMinute");
        assertThat(minutes).hasSize(60);
        assertThat(minutes.get(59).get("orders").asLong() + minutes.get(58).get("orders").asLong()).isEqualTo(2);
        assertProblem(server.get("/api/v1/admin/dashboard", null), 401, 40100);
        assertProblem(server.get("/api/v1/admin/dashboard", buyer.token()), 403, 40300);
    }

    @Test
    void anOrdersTimelineAndPaymentsTellWhatHappenedInOrder() {
        Buyer buyer = shop.buyer();
        long tea = shop.product("Da Hong Pao", 3_000, 10);
        shop.topUp(buyer.userId(), 10_000);
        String orderNo = shop.placed(buyer, tea, 1, "BALANCE").get("orderNo").asText();
        assertThat(server.post("/api/v1/admin/orders/" + orderNo + "/refund", TestServer.ADMIN, null).status()).isEqualTo(200);

        JsonNode timeline = server.get("/api/v1/admin/orders/" + orderNo + "/timeline", TestServer.ADMIN).json();

        assertThat(timeline.get("orderNo").asText()).isEqualTo(orderNo);
        assertThat(timeline.get("entries").findValuesAsText("event")).containsExactly("PLACED", "PAID", "REFUNDED");
        JsonNode refunded = timeline.get("entries").get(2);
        assertThat(refunded.get("amount").asLong()).isEqualTo(3_000);
        assertThat(refunded.get("currency").asText()).isEqualTo("CNY");
        assertThat(server.get("/api/v1/admin/orders/" + orderNo + "/payments", TestServer.ADMIN).json().get("items")).isEmpty();
        assertProblem(server.get("/api/v1/admin/orders/20260101000000000999999/timeline", TestServer.ADMIN), 404, 40400);
        assertProblem(server.get("/api/v1/admin/orders/not-a-number/payments", TestServer.ADMIN), 404, 40400);
        assertProblem(server.get("/api/v1/admin/orders/" + orderNo + "/timeline", buyer.token()), 403, 40300);
    }

    @Test
    void usersAreFoundByNameIgnoringCaseWithTheirBalanceAndJournalNewestFirst() {
        Buyer buyer = shop.buyer();
        shop.topUp(buyer.userId(), 500);
        shop.topUp(buyer.userId(), 700);

        JsonNode found = server.get("/api/v1/admin/users?username=" + buyer.username().toUpperCase(), TestServer.ADMIN).json();
        JsonNode byId = server.get("/api/v1/admin/users/" + buyer.userId(), TestServer.ADMIN).json();
        JsonNode journal = server.get("/api/v1/admin/users/" + buyer.userId() + "/balance/journal", TestServer.ADMIN).json();

        assertThat(found.get("items")).hasSize(1);
        assertThat(found.get("items").get(0)).isEqualTo(byId);
        assertThat(byId.get("username").asText()).isEqualTo(buyer.username());
        assertThat(byId.get("balance").asLong()).isEqualTo(1_200);
        assertThat(journal.get("items").findValuesAsText("delta")).containsExactly("700", "500");
        assertThat(journal.get("items").findValuesAsText("reason")).containsOnly("TOP_UP");
        assertThat(server.get("/api/v1/admin/users?username=nobody-by-this-name", TestServer.ADMIN).json().get("items")).isEmpty();
        Reply noName = server.get("/api/v1/admin/users", TestServer.ADMIN);
        assertProblem(noName, 400, 40005);
        assertThat(noName.json().get("errors").findValuesAsText("field")).containsExactly("username");
        assertProblem(server.get("/api/v1/admin/users/999999999", TestServer.ADMIN), 404, 40400);
        assertProblem(server.get("/api/v1/admin/users/999999999/balance/journal", TestServer.ADMIN), 404, 40400);
    }

    @Test
    void theAdminCatalogueShowsTheStockAnAdjustmentLeftAtOnceAndItsMovements() {
        long mug = shop.product("Mug", 900, 4);
        Reply adjusted = server.post("/api/v1/admin/products/" + mug + "/stock", TestServer.ADMIN,
                Map.of("delta", 6, "reason", "delivery 17"));
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);

        JsonNode product = server.get("/api/v1/admin/products/" + mug, TestServer.ADMIN).json();
        List<JsonNode> listed = server.get("/api/v1/admin/products?limit=100", TestServer.ADMIN).json().get("items")
                .valueStream().filter(p -> p.get("id").asLong() == mug).toList();
        JsonNode movements = server.get("/api/v1/admin/products/" + mug + "/stock/movements", TestServer.ADMIN).json();

        assertThat(product.get("available").asLong()).isEqualTo(10);
        assertThat(listed).singleElement().isEqualTo(product);
        assertThat(movements.get("productId").asLong()).isEqualTo(mug);
        assertThat(movements.get("items").findValuesAsText("reason")).containsExactly("delivery 17", "initial stock");
        assertThat(movements.get("items").findValuesAsText("delta")).containsExactly("6", "4");
        assertProblem(server.get("/api/v1/admin/products/999999999", TestServer.ADMIN), 404, 40400);
        assertProblem(server.get("/api/v1/admin/products/999999999/stock/movements", TestServer.ADMIN), 404, 40400);
        assertProblem(server.get("/api/v1/admin/products?cursor=bogus", TestServer.ADMIN), 400, 40005);
        assertProblem(server.get("/api/v1/admin/products", null), 401, 40100);
    }

    @Test
    void theConsolePagesComeWithAStrictPolicyAndAnythingElseUnderAdminIsNotFound() {
        Reply page = server.get("/admin/", null);
        Reply script = server.get("/admin/app.js", null);
        Reply bare = server.get("/admin", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("style=");
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        for (Reply reply : List.of(page, script, bare)) {
            assertThat(reply.header("Content-Security-Policy")).contains("script-src 'self'", "style-src 'self'",
                    "frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).isEqualTo("/admin/");
        assertProblem(server.get("/admin/secrets.js", null), 404, 40400);
        Reply escape = server.get("/admin/..%2Fopenapi.json", null);
        assertThat(escape.status()).as(escape.toString()).isIn(400, 404);
        assertThat(escape.header("Content-Type")).startsWith("application/problem+json");
    }

    /** The pages are plain modules: every module a served one imports must be served too, or the console is blank. */
    @Test
    void everyModuleTheConsoleImportsIsServed() {
        Set<String> served = new TreeSet<>();
        Deque<String> toRead = new ArrayDeque<>(List.of("app.js"));
        while (!toRead.isEmpty()) {
            String name = toRead.pop();
            if (!served.add(name)) continue;
            Reply module = server.get("/admin/" + name, null);
            assertThat(module.status()).as(name + " (imported by a console module)").isEqualTo(200);
            assertThat(module.header("Content-Type")).as(name).startsWith("text/javascript");
            Matcher imports = IMPORT.matcher(module.text());
            while (imports.find()) toRead.push(imports.group(1));
        }
        assertThat(served).contains("orders.js", "refunds.js", "reconciliations.js", "deliveries.js", "view.js", "api.js");
    }
}
