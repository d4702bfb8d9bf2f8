package dev.ordersystem.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.app.ApiClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console (DESIGN §16) in a real headless Chromium against the runnable jar on the
 * embedded default, as an operator uses it: signs in (a wrong token is refused) with the token the
 * server printed, finds an order placed through the API and ships it, refunds another, sees a
 * refund the API refuses (the order was shipped meanwhile) with the API's own detail, adjusts stock
 * and sees the movement, tops up a buyer and sees the journal, sees the audit ok; a product named
 * like markup shows as text. The pages log no errors and call no host but the app. Screenshots of
 * the main pages go to {@code target/console-screenshots/}.
 */
class AdminConsoleIT {
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

    @TempDir
    Path workDir;

    @Test
    void anOperatorShipsRefundsRestocksAndTopsUpInTheConsole() throws Exception {
        // The embedded default, with the payment sandbox on: it lets the test pay a cancelled order the way a provider would.
        try (ConsoleApp app = ConsoleApp.start(workDir, Map.of("ORDER_SANDBOX", "true"))) {
            ConsoleBrowser browser = app.browser();
            String origin = app.origin();
            String adminToken = app.adminToken();
            ApiClient api = app.api();
            assertSecurityHeaders(origin);

            // What shoppers did through the API: three orders paid from the demo balance, and a product named like markup.
            String buyer = api.post("/api/v1/auth/login", null, Map.of("username", "demo", "password", "demo-password"))
                    .json().get("token").asText();
            String toShip = placePaidOrder(api, buyer);
            String toRefund = placePaidOrder(api, buyer);
            String shippedMeanwhile = placePaidOrder(api, buyer);
            String paidLate = latePayment(api, buyer, adminToken);
            Reply xss = api.post("/api/v1/admin/products", adminToken, Map.of("name", XSS_NAME, "description", "<script>alert(2)</script>",
                    "price", 100, "stock", 3, "onSale", true));
            assertThat(xss.status()).as(xss.toString()).isEqualTo(201);

            // Sign in: a wrong token is refused with the API's problem, the right one (typed, then Enter) opens the dashboard.
            browser.open(origin + "/admin/");
            browser.viewport(1280, 800, false);
            WebElement tokenField = browser.awaitVisible(By.id("token"));
            tokenField.sendKeys("not-the-admin-token-at-all", Keys.ENTER);
            String refused = browser.awaitText(By.id("sign-in-error"), "HTTP 401");
            assertThat(refused).contains(problemDetail(api.get("/api/v1/admin/dashboard", "not-the-admin-token-at-all")));
            assertThat(browser.driver().findElements(By.id("top"))).allSatisfy(top -> assertThat(top.isDisplayed()).isFalse());
            tokenField = browser.awaitVisible(By.id("token"));
            tokenField.clear();
            tokenField.sendKeys(adminToken, Keys.ENTER);
            browser.awaitText(By.id("audit"), "ok");
            assertThat(browser.awaitVisible(By.id("orders-today")).getText()).contains("4").contains("3 paid");
            assertThat(browser.awaitVisible(By.id("payments-attention")).getText()).contains("1").contains("1 refund required");
            assertThat(browser.driver().getCurrentUrl()).doesNotContain(adminToken);
            // Kept for this tab's session only: sessionStorage, nothing in localStorage or cookies.
            assertThat(browser.script("return sessionStorage.getItem('order-console-admin-token')")).isEqualTo(adminToken);
            assertThat(browser.script("return localStorage.length + document.cookie.length")).isEqualTo(0L);
            assertThat(browser.script("return document.querySelectorAll('svg.bars rect.bar').length")).isEqualTo(60L);
            app.screenshot("dashboard");

            // Find the order by its number and ship it.
            browser.open(origin + "/admin/#/orders");
            browser.awaitText(By.id("orders-list"), toShip);
            app.screenshot("orders");
            browser.awaitVisible(By.id("find-order")).sendKeys(toShip, Keys.ENTER);
            browser.awaitText(By.id("order-status"), "PAID");
            browser.awaitVisible(By.id("ship-carrier")).sendKeys("SF");
            browser.awaitVisible(By.id("ship-tracking")).sendKeys("SF1234567890");
            browser.awaitVisible(By.id("ship")).click();
            confirm(browser);
            browser.awaitText(By.id("order-status"), "SHIPPED");
            browser.awaitText(By.id("timeline"), "SHIPPED");
            assertThat(browser.awaitVisible(By.id("order-shipment")).getText()).contains("SF SF1234567890");
            assertThat(api.get("/api/v1/admin/orders/" + toShip, adminToken).json().get("status").asText()).isEqualTo("SHIPPED");
            app.screenshot("order-shipped");

            // Refund another, by keyboard alone: Enter on the button, Escape backs out, Tab to Confirm and Enter.
            browser.open(origin + "/admin/#/orders/" + toRefund);
            browser.awaitText(By.id("order-status"), "PAID");
            browser.awaitVisible(By.id("refund")).sendKeys(Keys.ENTER);
            browser.await("the confirmation, Cancel focused", d -> d.switchTo().activeElement().getAttribute("id").equals("confirm-cancel"));
            browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            browser.await("the confirmation closed", d -> !d.findElement(By.id("confirm")).isDisplayed());
            assertThat(api.get("/api/v1/admin/orders/" + toRefund, adminToken).json().get("status").asText()).isEqualTo("PAID");
            browser.awaitVisible(By.id("refund")).sendKeys(Keys.ENTER);
            browser.await("the confirmation, Cancel focused", d -> d.switchTo().activeElement().getAttribute("id").equals("confirm-cancel"));
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            browser.await("Confirm focused", d -> d.switchTo().activeElement().getAttribute("id").equals("confirm-ok"));
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.awaitText(By.id("order-status"), "REFUNDED");
            browser.awaitText(By.id("timeline"), "REFUNDED");
            assertThat(api.get("/api/v1/admin/orders/" + toRefund, adminToken).json().get("status").asText()).isEqualTo("REFUNDED");

            // A refund the API refuses: another operator shipped the order while this page showed it PAID.
            browser.open(origin + "/admin/#/orders/" + shippedMeanwhile);
            browser.awaitText(By.id("order-status"), "PAID");
            Reply shipped = api.post("/api/v1/admin/orders/" + shippedMeanwhile + "/ship", adminToken,
                    Map.of("carrier", "YTO", "trackingNumber", "YT0001"));
            assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
            browser.awaitVisible(By.id("refund")).click();
            confirm(browser);
            String shown = browser.awaitText(By.id("refund-error"), "HTTP 409");
            Reply refusal = api.post("/api/v1/admin/orders/" + shippedMeanwhile + "/refund", adminToken, null);
            assertThat(refusal.status()).isEqualTo(409);
            assertThat(shown).contains(problemDetail(refusal)).contains("code " + refusal.code());
            browser.awaitText(By.id("order-status"), "SHIPPED"); // and the page no longer shows it PAID
            app.screenshot("order-refused");

            // Products: the markup name is text; adjust a product's stock and see the movement.
            browser.open(origin + "/admin/#/products");
            browser.awaitText(By.id("products-list"), XSS_NAME);
            assertThat(browser.script("return document.querySelectorAll('main img').length")).isEqualTo(0L);
            app.screenshot("products");
            long productId = xss.json().get("id").asLong();
            browser.open(origin + "/admin/#/products/" + productId);
            assertThat(browser.awaitVisible(By.id("product-name")).getText()).isEqualTo(XSS_NAME);
            browser.awaitVisible(By.id("stock-delta")).sendKeys("5");
            browser.awaitVisible(By.id("stock-reason")).sendKeys("delivery 42");
            browser.awaitVisible(By.id("adjust-stock")).click();
            confirm(browser);
            browser.awaitText(By.id("product-available"), "8");
            String movements = browser.awaitText(By.id("product-detail"), "delivery 42");
            assertThat(movements).contains("+5").contains("initial stock");
            assertThat(api.get("/api/v1/admin/products/" + productId, adminToken).json().get("available").asLong()).isEqualTo(8);
            app.screenshot("product-stock");

            // Users: find the demo buyer, top up, see the journal.
            browser.open(origin + "/admin/#/users");
            browser.awaitVisible(By.id("find-user")).sendKeys("DEMO", Keys.ENTER);
            browser.awaitText(By.id("user-results"), "demo");
            browser.driver().findElement(By.linkText("demo")).click();
            String before = browser.awaitText(By.id("user-balance"), "CNY");
            browser.awaitVisible(By.id("top-up-amount")).sendKeys("12.34");
            browser.awaitVisible(By.id("top-up-reason")).sendKeys("goodwill");
            browser.awaitVisible(By.id("top-up")).click();
            confirm(browser);
            String journal = browser.awaitText(By.id("user-detail"), "goodwill");
            assertThat(journal).contains("TOP_UP").contains("+12.34 CNY");
            assertThat(browser.awaitVisible(By.id("user-balance")).getText()).isNotEqualTo(before);
            JsonNode demo = api.get("/api/v1/me", buyer).json();
            assertThat(browser.awaitVisible(By.id("user-balance")).getText())
                    .isEqualTo(String.format(Locale.ROOT, "%,.2f CNY", demo.get("balance").asLong() / 100.0));
            app.screenshot("user");

            // Payments needing attention: the late payment waits until its money went back, then leaves the list.
            browser.open(origin + "/admin/#/payments");
            browser.awaitText(By.id("payments-list"), paidLate);
            app.screenshot("payments");
            browser.driver().findElement(By.xpath("//div[@id='payments-list']//button[normalize-space()='Mark refunded']")).click();
            confirm(browser);
            browser.awaitText(By.id("payments-list"), "Nothing waits here.");
            assertThat(api.get("/api/v1/admin/payments?status=REFUND_REQUIRED", adminToken).json().get("items")).isEmpty();
            browser.open(origin + "/admin/#/dashboard");
            browser.awaitText(By.id("audit"), "ok");
            assertThat(api.get("/api/v1/admin/audit", adminToken).json().get("ok").asBoolean()).isTrue();

            // A phone: the same pages fit 390 px without sideways scrolling.
            browser.viewport(390, 844, true);
            browser.open(origin + "/admin/#/orders/" + toShip);
            browser.awaitText(By.id("order-status"), "SHIPPED");
            assertThat(browser.script("return document.documentElement.scrollWidth")).as("page width at 390 px")
                    .satisfies(width -> assertThat(((Number) width).intValue()).isLessThanOrEqualTo(390));
            app.screenshot("order-phone");
            browser.open(origin + "/admin/#/dashboard");
            browser.awaitText(By.id("audit"), "ok");
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
            app.screenshot("dashboard-phone");

            // A token the server no longer takes (say, generated anew at a restart) sends the operator back to sign-in.
            browser.script("sessionStorage.setItem('order-console-admin-token', 'a-token-from-before-a-restart')");
            browser.open(origin + "/admin/#/orders");
            browser.awaitText(By.id("main"), "sign in again");
            browser.awaitVisible(By.id("token"));
            assertThat(browser.script("return sessionStorage.getItem('order-console-admin-token')")).isNull();

            // Nothing but the refusals provoked above reached the console, and nothing left the app's origin.
            assertThat(browser.requestedUrls()).contains(origin + "/admin/app.js", origin + "/api/v1/admin/dashboard");
            app.assertQuietAndSameOrigin(AdminConsoleIT::provokedRefusal);
        }
    }

    /** Chromium itself logs each answered 4xx of a fetch; these the test provoked on purpose and checked. */
    private static boolean provokedRefusal(String message) {
        return message.matches("(?s).*/api/v1/admin/dashboard - Failed to load resource: the server responded with a status of 401.*")
                || message.matches("(?s).*/api/v1/admin/orders\\?[^ ]* - Failed to load resource: the server responded with a status of 401.*")
                || message.matches("(?s).*/api/v1/admin/orders/[0-9]+/refund - Failed to load resource: the server responded with a status of 409.*");
    }

    static void confirm(ConsoleBrowser browser) {
        browser.await("the confirmation dialog", d -> d.findElement(By.id("confirm")).isDisplayed());
        browser.awaitVisible(By.id("confirm-ok")).click();
    }

    static String placePaidOrder(ApiClient api, String buyer) {
        // Each with its own key: the same cart again without one would be a duplicate submission (DESIGN §4.2).
        Reply placed = api.post("/api/v1/orders", buyer, Map.of("items", List.of(Map.of("productId", 1, "quantity", 1)),
                "paymentMethod", "BALANCE"), Map.of("Idempotency-Key", "console-" + UUID.randomUUID()));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().get("status").asText()).isEqualTo("PAID");
        return placed.json().get("orderNo").asText();
    }

    /** A WECHAT order the buyer cancelled, then paid through the sandbox provider: a payment that needs a refund. */
    private static String latePayment(ApiClient api, String buyer, String adminToken) {
        Reply placed = api.post("/api/v1/orders", buyer, Map.of("items", List.of(Map.of("productId", 2, "quantity", 1)),
                "paymentMethod", "WECHAT"), Map.of("Idempotency-Key", "console-" + UUID.randomUUID()));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderNo = placed.json().get("orderNo").asText();
        assertThat(api.post("/api/v1/orders/" + orderNo + "/cancel", buyer, null).status()).isEqualTo(200);
        Reply paid = api.post("/api/v1/admin/sandbox/payments/" + orderNo, adminToken, Map.of("channel", "WECHAT"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.text()).contains("REFUND_REQUIRED");
        return orderNo;
    }

    static String problemDetail(Reply problem) {
        assertThat(problem.contentType()).startsWith("application/problem+json");
        return problem.json().get("detail").asText();
    }

    /** The console's pages: a strict policy without 'unsafe-inline', no sniffing, no framing. */
    private static void assertSecurityHeaders(String origin) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/admin/", "/admin/app.js", "/admin/console.css")) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(origin + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                    "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        HttpResponse<String> html = client.send(HttpRequest.newBuilder(URI.create(origin + "/admin/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(html.body()).doesNotContain("<script>", "style=", "onclick", "http://", "https://");
        HttpResponse<String> bare = client.send(HttpRequest.newBuilder(URI.create(origin + "/admin")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).contains("/admin/");
    }
}
