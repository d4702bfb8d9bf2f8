package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's refund and reconciliation pages (DESIGN §14, §16) in a real headless Chromium
 * against the runnable jar on the embedded default with the sandbox provider on. A buyer pays an
 * order of three cups at the sandbox's WeChat Pay cashier; the operator refunds one cup in the
 * console, sees what is left to refund, sees the refund listed PENDING and then SUCCEEDED once the
 * provider's refund notification arrived (Refresh), asks for more than is left and sees the API's
 * 409/40011 with its detail beside the form (what was typed kept, nothing written), and reconciles
 * the day's WeChat bill, on which a refund made in the provider's portal waits: the report lists it
 * flagged, and asking again answers the same report.
 */
class AdminConsoleRefundsIT {
    private static final long CUP = 2;
    private static final long CUP_PRICE = 4_500;

    @TempDir
    Path workDir;

    @Test
    void anOperatorRefundsPartOfAPaidOrderIsRefusedTooMuchAndReconcilesTheDay() throws Exception {
        // The daily run starts at 00:00 server time, so it is due whenever the test runs (at the
        // default 10:30 it reconciles nothing before 10:30, and the test would wait for it in vain).
        try (ConsoleApp app = ConsoleApp.start(workDir, Map.of("ORDER_SANDBOX", "true", "ORDER_RECONCILE_AT", "00:00"))) {
            ApiClient api = app.api();
            PaidOrder paid = paidAtTheCashier(api, 3);
            String orderNo = paid.orderNo();
            String admin = app.adminToken();
            long stockBefore = available(api, admin);
            ConsoleBrowser browser = app.browser();

            // Signed in on the order's page itself: nothing refunded yet, all of it left.
            browser.open(app.origin() + "/admin/#/orders/" + orderNo);
            browser.viewport(1280, 800, false);
            browser.awaitVisible(By.id("token")).sendKeys(admin, Keys.ENTER);
            browser.awaitText(By.id("order-status"), "PAID");
            assertThat(browser.awaitVisible(By.id("order-refunded")).getText()).isEqualTo(cny(0));
            assertThat(browser.awaitVisible(By.id("refund-left")).getText()).contains("Left to refund: " + cny(3 * CUP_PRICE));
            assertThat(browser.awaitVisible(By.id("refunds")).getText()).contains("No refunds.");

            // One cup of three, with a reason, back to stock: the form says what it refunds, and so does the confirmation.
            WebElement cups = browser.awaitVisible(By.id("refund-qty-" + CUP));
            assertThat(cups.getAttribute("max")).isEqualTo("3");
            cups.clear();
            cups.sendKeys("1");
            browser.awaitVisible(By.id("refund-reason")).sendKeys("one cup arrived broken");
            assertThat(browser.awaitText(By.id("refund-preview"), "the price of 1 unit")).contains(cny(CUP_PRICE), "back to stock");
            browser.awaitVisible(By.id("refund")).click();
            assertThat(browser.awaitText(By.id("confirm-text"), orderNo)).contains("Refunds " + cny(CUP_PRICE) + ", the price of 1 unit");
            AdminConsoleIT.confirm(browser);
            String refundNo = orderNo + "_r1";
            // WeChat Pay answers PROCESSING: the refund is PENDING until its notification.
            assertThat(browser.awaitText(By.id("refund-answer"), refundNo)).contains(cny(CUP_PRICE), "PENDING", "Refresh");
            browser.awaitText(By.id("order-refunded"), cny(CUP_PRICE));
            assertThat(browser.awaitVisible(By.id("refund-left")).getText()).contains("Left to refund: " + cny(2 * CUP_PRICE));
            assertThat(browser.awaitVisible(By.id("refund-qty-" + CUP)).getAttribute("max")).isEqualTo("2");
            assertThat(browser.awaitVisible(By.id("refund-reason")).getAttribute("value")).as("the form starts afresh").isEmpty();
            assertThat(browser.awaitVisible(By.id("order-status")).getText()).isEqualTo("PAID");

            // What the API recorded is what the page asked for; WeChat Pay settles it by its refund notification.
            JsonNode refund = awaitRefunds(api, admin, orderNo, "the refund SUCCEEDED",
                    all -> all.size() == 1 && all.getFirst().get("state").asText().equals("SUCCEEDED"));
            assertThat(refund.get("refundNo").asText()).isEqualTo(refundNo);
            assertThat(refund.get("amount").asLong()).isEqualTo(CUP_PRICE);
            assertThat(refund.get("reason").asText()).isEqualTo("one cup arrived broken");
            assertThat(refund.get("items")).hasSize(1);
            assertThat(refund.get("items").get(0).get("quantity").asInt()).isEqualTo(1);
            assertThat(refund.get("restock").asBoolean()).isTrue();
            assertThat(available(api, admin)).as("the cup is back in stock").isEqualTo(stockBefore + 1);
            browser.awaitVisible(By.id("refresh-refunds")).click();
            String listed = browser.awaitText(By.id("refunds"), "SUCCEEDED");
            assertThat(listed).contains(refundNo, cny(CUP_PRICE), "one cup arrived broken", "1 × Celadon tea cup", "restocked", "WECHAT");
            assertThat(browser.driver().findElements(By.id("refund-answer"))).as("a reload shows the list, not the answer").isEmpty();

            // More than is left: the API's 409 with code 40011 and its detail, beside the form; what was typed stays; nothing written.
            long tooMuch = 2 * CUP_PRICE + 1;
            browser.awaitVisible(By.id("refund-amount")).sendKeys(String.format(Locale.ROOT, "%.2f", tooMuch / 100.0));
            browser.awaitVisible(By.id("refund-reason")).sendKeys("goodwill");
            assertThat(browser.awaitText(By.id("refund-preview"), "Refunds " + cny(tooMuch))).isNotBlank();
            browser.awaitVisible(By.id("refund")).click();
            AdminConsoleIT.confirm(browser);
            String shown = browser.awaitText(By.id("refund-error"), "HTTP 409");
            Reply refusal = api.post("/api/v1/admin/orders/" + orderNo + "/refund", admin, Map.of("amount", tooMuch, "reason", "goodwill"));
            assertThat(refusal.status()).as(refusal.toString()).isEqualTo(409);
            assertThat(refusal.code()).isEqualTo(40011);
            assertThat(shown).contains(AdminConsoleIT.problemDetail(refusal), "code 40011");
            browser.awaitText(By.id("refunds"), refundNo); // the page read the order again around the refusal
            assertThat(browser.awaitVisible(By.id("refund-amount")).getAttribute("value")).isEqualTo(String.format(Locale.ROOT, "%.2f", tooMuch / 100.0));
            assertThat(browser.awaitVisible(By.id("refund-reason")).getAttribute("value")).isEqualTo("goodwill");
            assertThat(refunds(api, admin, orderNo)).hasSize(1);
            assertThat(api.get("/api/v1/admin/orders/" + orderNo, admin).json().get("refundedAmount").asLong()).isEqualTo(CUP_PRICE);
            app.screenshot("order-refund-refused");
            // For the README: the whole refund section in one picture (refusal, what is left, the form and the list).
            browser.await("the toast gone", d -> !d.findElement(By.id("toast")).getAttribute("class").contains("shown"));
            browser.viewport(1280, 1100, false);
            browser.script("document.getElementById('refund-form').closest('section').scrollIntoView()");
            app.screenshot("order-refunds");
            browser.viewport(1280, 800, false);

            // A refund made in the provider's portal, not through the shop: on the bill, not in the records.
            Reply portal = api.post("/sandbox/control/refunds", null, Map.of("channel", "WECHAT", "outTradeNo", paid.outTradeNo(),
                    "outRefundNo", "portal-" + orderNo, "amount", 100));
            assertThat(portal.status()).as(portal.toString()).isEqualTo(201);

            // Reconcile today's WeChat bill from the Reconciliation page; the report lists that refund, flagged.
            // (The server reconciled yesterday's bills of both channels as it started: the daily run catching up.)
            List<JsonNode> before = api.all("/api/v1/admin/reconciliations", admin);
            String yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
            browser.driver().findElement(By.cssSelector("#nav a[data-page='reconciliations']")).click();
            assertThat(browser.awaitText(By.id("reconciliations-list"), "DONE")).contains(yesterday);
            assertThat(browser.driver().findElements(By.cssSelector("#reconciliations-list tbody tr"))).hasSize(before.size());
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            assertThat(browser.awaitVisible(By.id("reconcile-date")).getAttribute("value")).isEqualTo(today);
            assertThat(browser.awaitVisible(By.id("reconcile-channel")).getAttribute("value")).isEqualTo("WECHAT");
            browser.awaitVisible(By.id("reconcile")).click();
            assertThat(browser.awaitText(By.id("confirm-text"), "WECHAT")).contains(today);
            AdminConsoleIT.confirm(browser);
            browser.awaitText(By.id("reconciliation-state"), "DONE");
            String differences = browser.awaitText(By.id("differences"), "REFUND_ONLY_AT_PROVIDER");
            assertThat(differences).contains("FLAGGED", "portal-" + orderNo, cny(100), "a refund on the bill with no refund here");
            assertThat(browser.awaitVisible(By.id("reconciliation-count")).getText()).isEqualTo("1");
            List<JsonNode> runs = api.all("/api/v1/admin/reconciliations", admin);
            assertThat(runs).hasSize(before.size() + 1);
            JsonNode newest = runs.getFirst();
            assertThat(newest.get("channel").asText()).isEqualTo("WECHAT");
            assertThat(newest.get("date").asText()).isEqualTo(today);
            long runId = newest.get("id").asLong();
            assertThat(browser.driver().getCurrentUrl()).endsWith("#/reconciliations/" + runId);
            JsonNode report = api.get("/api/v1/admin/reconciliations/" + runId, admin).json();
            assertThat(report.get("differences")).as("the console's refund matched the bill: %s", report).hasSize(1);
            assertThat(report.get("differences").get(0).get("kind").asText()).isEqualTo("REFUND_ONLY_AT_PROVIDER");
            assertThat(report.get("differences").get(0).get("action").asText()).isEqualTo("FLAGGED");
            app.screenshot("reconciliation");

            // Listed; asked again, the day answers its stored report: the same run, nothing added.
            browser.driver().findElement(By.linkText("← Reconciliation")).click();
            browser.awaitText(By.id("reconciliations-list"), "#" + runId);
            WebElement row = browser.awaitVisible(By.xpath("//div[@id='reconciliations-list']//tr[td/a[normalize-space()='#" + runId + "']]"));
            assertThat(row.getText()).contains("WECHAT", today, "DONE", "1 payment, 2 refunds");
            app.screenshot("reconciliations");
            browser.awaitVisible(By.id("reconcile")).click();
            AdminConsoleIT.confirm(browser);
            browser.awaitText(By.id("reconciliation-state"), "DONE");
            assertThat(browser.driver().getCurrentUrl()).endsWith("#/reconciliations/" + runId);
            assertThat(api.all("/api/v1/admin/reconciliations", admin)).hasSize(before.size() + 1);
            assertThat(api.get("/api/v1/admin/reconciliations/" + runId, admin).json().get("differences")).hasSize(1);

            // A refund the provider refuses: answered FAILED with the provider's reason, listed so, and the money stays.
            Reply refusing = api.put("/sandbox/control", null, Map.of("refuseRefunds", "NOT_ENOUGH"));
            assertThat(refusing.status()).as(refusing.toString()).isEqualTo(200);
            browser.open(app.origin() + "/admin/#/orders/" + orderNo);
            browser.awaitVisible(By.id("refund-amount")).sendKeys("1");
            browser.awaitVisible(By.id("refund")).click();
            AdminConsoleIT.confirm(browser);
            String failed = browser.awaitText(By.id("refund-answer"), orderNo + "_r2");
            assertThat(failed).contains("FAILED", "NOT_ENOUGH", "the money stays");
            assertThat(browser.awaitVisible(By.id("order-refunded")).getText()).isEqualTo(cny(CUP_PRICE));
            assertThat(browser.awaitText(By.id("refunds"), "FAILED")).contains(orderNo + "_r2", "Failed: ", "NOT_ENOUGH", cny(100));
            assertThat(refunds(api, admin, orderNo)).extracting(r -> r.get("state").asText()).containsExactly("SUCCEEDED", "FAILED");
            assertThat(api.put("/sandbox/control", null, Collections.singletonMap("refuseRefunds", null)).status()).isEqualTo(200);

            // A phone: the order's refunds and the report fit 390 px.
            browser.viewport(390, 844, true);
            browser.open(app.origin() + "/admin/#/orders/" + orderNo);
            browser.awaitText(By.id("refunds"), refundNo);
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
            app.screenshot("order-refunds-phone");
            browser.open(app.origin() + "/admin/#/reconciliations/" + runId);
            browser.awaitText(By.id("differences"), "REFUND_ONLY_AT_PROVIDER");
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
            browser.viewport(1280, 800, false);

            assertThat(api.get("/api/v1/admin/audit", admin).json().get("ok").asBoolean()).isTrue();
            // Nothing but the refusal provoked above was logged, and nothing left the app's origin.
            app.assertQuietAndSameOrigin(message -> message.matches(
                    "(?s).*/api/v1/admin/orders/[0-9]+/refund - Failed to load resource: the server responded with a status of 409.*"));
        }
    }

    private record PaidOrder(String orderNo, String outTradeNo) {
    }

    /** An order of {@code cups} cups the buyer paid at the sandbox's WeChat Pay cashier: a trade the provider knows, so it can refund it. */
    private static PaidOrder paidAtTheCashier(ApiClient api, int cups) {
        String buyer = api.post("/api/v1/auth/login", null, Map.of("username", "demo", "password", "demo-password"))
                .json().get("token").asText();
        Reply placed = api.post("/api/v1/orders", buyer, Map.of("items", List.of(Map.of("productId", CUP, "quantity", cups)),
                "paymentMethod", "WECHAT"), Map.of("Idempotency-Key", "console-" + UUID.randomUUID()));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderNo = placed.json().get("orderNo").asText();
        Reply started = api.post("/api/v1/orders/" + orderNo + "/payments", buyer, Map.of("channel", "WECHAT", "scene", "NATIVE"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String outTradeNo = started.json().get("outTradeNo").asText();
        Reply paid = api.postForm("/sandbox/cashier/" + outTradeNo + "/pay", "channel=WECHAT&amount=exact");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return new PaidOrder(orderNo, outTradeNo);
    }

    private static long available(ApiClient api, String admin) {
        return api.get("/api/v1/admin/products/" + CUP, admin).json().get("available").asLong();
    }

    private static List<JsonNode> refunds(ApiClient api, String admin, String orderNo) {
        Reply reply = api.get("/api/v1/admin/orders/" + orderNo + "/refunds", admin);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return StreamSupport.stream(reply.json().get("refunds").spliterator(), false).toList();
    }

    /** Polls the order's refunds until {@code done} holds; returns the first. */
    private static JsonNode awaitRefunds(ApiClient api, String admin, String orderNo, String what, Predicate<List<JsonNode>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + ConsoleBrowser.WAIT.toNanos();
        while (true) {
            List<JsonNode> all = refunds(api, admin, orderNo);
            if (done.test(all)) return all.getFirst();
            assertThat(System.nanoTime()).as("%s; refunds now: %s", what, all).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Minor units of CNY as the console shows them: 4500 → "45.00 CNY". */
    private static String cny(long minor) {
        return String.format(Locale.ROOT, "%,.2f CNY", minor / 100.0);
    }
}
