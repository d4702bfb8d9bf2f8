package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.memory.InMemoryLocalRefunds;
import dev.ordersystem.core.port.provider.BillsByChannel;
import dev.ordersystem.core.port.provider.ProvidersByChannel;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.payment.ReconcileBill;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.provider.AlipayBills;
import dev.ordersystem.http.provider.AlipayMerchant;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.ProviderTimeouts;
import dev.ordersystem.http.provider.ProviderWire;
import dev.ordersystem.http.provider.WechatPayBills;
import dev.ordersystem.http.provider.WechatPayMerchant;
import dev.ordersystem.http.provider.WechatPayTrades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §14 end to end on one server: the shop's own WeChat Pay and Alipay clients against its
 * sandbox provider, whose bills (WeChat's SHA1-checked file, Alipay's GBK zip) are reconciled through
 * the admin route, with one planted difference of each kind the sandbox can make: a payment whose
 * notification was withheld (lost), a payment recorded here the provider never saw, a buyer paying
 * another amount than the trade asked, a refund made in the provider's portal.
 */
class ReconciliationOnSandboxTest {
    private static final Currency CNY = Currency.getInstance("CNY");

    private final ShiftedClock clock = new ShiftedClock();
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final AtomicReference<String> base = new AtomicReference<>();
    private final ProviderWire wire = new ProviderWire(ProviderTimeouts.defaults());
    private final WechatPayMerchant wechatMerchant = new WechatPayMerchant(PaymentSandbox.WECHAT_MCH_ID, PaymentSandbox.WECHAT_APP_ID,
            sandbox.wechatMerchantSerial(), sandbox.wechatMerchantKeyPair().getPrivate(),
            () -> URI.create(base.get() + "/api/v1/payments/wechat/notify"), () -> URI.create(base.get() + "/sandbox/wechatpay"));
    private final WechatPayTrades wechat = new WechatPayTrades(wechatMerchant, sandbox.wechatKeys(), wire, clock);
    private final AlipayTrades alipay = new AlipayTrades(new AlipayMerchant(PaymentSandbox.ALIPAY_APP_ID, sandbox.alipayAppKeyPair().getPrivate(),
            () -> URI.create(base.get() + "/api/v1/payments/alipay/notify"), () -> URI.create(base.get() + "/sandbox/alipay/gateway.do")),
            sandbox.alipayKeyPair().getPublic(), wire, clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox))
            .provider(new ProvidersByChannel(List.of(wechat, alipay)))
            .bills(new BillsByChannel(List.of(new WechatPayBills(wechatMerchant, wechat, wire), new AlipayBills(alipay, wire))),
                    new InMemoryLocalRefunds())
            .start();
    private final ShopSteps shop = new ShopSteps(server);
    private final HttpClient browser = HttpClient.newHttpClient();

    {
        base.set("http://127.0.0.1:" + server.app().port());
    }

    @AfterEach
    void stop() {
        control("{\"outage\":\"NONE\",\"withholdNotifications\":false}");
        server.close();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ReconcileBill.BILL_ZONE);
    }

    private void control(String json) {
        assertThat(server.send("PUT", "/sandbox/control", null, "application/json", json, Map.of()).status()).isEqualTo(200);
    }

    /** Starts the order's payment in {@code scene} and answers its out_trade_no. */
    private String startPayment(Buyer buyer, String orderNo, String channel, String scene) {
        Reply started = server.post("/api/v1/orders/" + orderNo + "/payments", buyer.token(), Map.of("channel", channel, "scene", scene));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        return started.json().get("outTradeNo").asText();
    }

    /** The buyer pays at the sandbox's cashier: {@code exact} or {@code wrong} amount. */
    private void payAtCashier(String outTradeNo, String channel, String amount) throws Exception {
        HttpResponse<String> paid = browser.send(HttpRequest.newBuilder(URI.create(base.get() + "/sandbox/cashier/" + outTradeNo + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("channel=" + channel + "&amount=" + amount)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    private String status(Buyer buyer, String orderNo) {
        return server.get("/api/v1/orders/" + orderNo, buyer.token()).json().get("status").asText();
    }

    private Reply reconcile(String channel, String date) {
        return server.post("/api/v1/admin/reconciliations", TestServer.ADMIN, Map.of("channel", channel, "date", date));
    }

    private static List<String> kindsAndActions(JsonNode report) {
        List<String> found = new ArrayList<>();
        for (JsonNode d : report.get("differences")) found.add(d.get("kind").asText() + "/" + d.get("action").asText());
        return found;
    }

    @Test
    void wechatBillWithEveryPlantedDifferenceIsReconciledOnceAndTheLostPaymentApplied() throws Exception {
        long tea = shop.product("Green tea", 1_000, 50);
        Buyer buyer = shop.buyer();
        // Lost: paid at the cashier while the sandbox withholds notifications.
        String lost = shop.placed(buyer, tea, 1, "WECHAT").get("orderNo").asText();
        String lostTrade = startPayment(buyer, lost, "WECHAT", "NATIVE");
        control("{\"withholdNotifications\":true}");
        payAtCashier(lostTrade, "WECHAT", "exact");
        control("{\"withholdNotifications\":false}");
        assertThat(status(buyer, lost)).isEqualTo("PENDING_PAYMENT");
        // Paid another amount than the trade asked: the notification records a MISMATCH; the bill shows what was paid.
        String wrong = shop.placed(buyer, tea, 2, "WECHAT").get("orderNo").asText();
        payAtCashier(startPayment(buyer, wrong, "WECHAT", "NATIVE"), "WECHAT", "wrong");
        // Paid normally: no difference; then refunded in the provider's portal: a refund only there.
        String fine = shop.placed(buyer, tea, 3, "WECHAT").get("orderNo").asText();
        String fineTrade = startPayment(buyer, fine, "WECHAT", "NATIVE");
        payAtCashier(fineTrade, "WECHAT", "exact");
        assertThat(status(buyer, fine)).isEqualTo("PAID");
        Reply portal = server.post("/sandbox/control/refunds", null,
                Map.of("channel", "WECHAT", "outTradeNo", fineTrade, "outRefundNo", "PORTAL-1", "amount", 500));
        assertThat(portal.status()).as(portal.text()).isEqualTo(201);
        // Recorded here, unknown to the provider.
        String here = shop.placed(buyer, tea, 4, "WECHAT").get("orderNo").asText();
        assertThat(server.system.applyPayment().apply(new VerifiedPayment(PaymentChannel.WECHAT, new OrderNo(here), "4200HERE" + here,
                Money.of(4_000, CNY), clock.instant(), "{}"))).isEqualTo(PaymentOutcome.PAID);

        Reply first = reconcile("WECHAT", today().toString());

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode report = first.json();
        assertThat(first.headers().get("Location")).containsExactly("/api/v1/admin/reconciliations/" + report.get("id").asLong());
        assertThat(report.get("state").asText()).isEqualTo("DONE");
        assertThat(report.get("providerPayments").asInt()).isEqualTo(3);
        assertThat(report.get("providerRefunds").asInt()).isEqualTo(1);
        assertThat(kindsAndActions(report)).containsExactlyInAnyOrder("PAID_ONLY_AT_PROVIDER/APPLIED_PAID", "AMOUNT_DIFFERS/FLAGGED",
                "RECORDED_ONLY_HERE/FLAGGED", "REFUND_ONLY_AT_PROVIDER/FLAGGED");
        for (JsonNode d : report.get("differences")) {
            switch (d.get("kind").asText()) {
                case "PAID_ONLY_AT_PROVIDER" -> assertThat(d.get("outTradeNo").asText()).isEqualTo(lostTrade);
                case "AMOUNT_DIFFERS" -> assertThat(d.get("localAmount").asLong()).isEqualTo(2_000);
                case "RECORDED_ONLY_HERE" -> assertThat(d.get("providerTradeNo").asText()).isEqualTo("4200HERE" + here);
                case "REFUND_ONLY_AT_PROVIDER" -> {
                    assertThat(d.get("outRefundNo").asText()).isEqualTo("PORTAL-1");
                    assertThat(d.get("providerAmount").asLong()).isEqualTo(500);
                }
                default -> throw new AssertionError(d.toString());
            }
        }
        assertThat(status(buyer, lost)).as("the lost payment is applied").isEqualTo("PAID");
        assertThat(server.system.reconcilePayments().list(dev.ordersystem.core.domain.PaymentStatus.MISMATCH,
                dev.ordersystem.core.port.PageRequest.first(10)).items()).hasSize(1);

        Reply again = reconcile("WECHAT", today().toString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(report);
        assertThat(server.get("/api/v1/admin/reconciliations/" + report.get("id").asLong(), TestServer.ADMIN).json()).isEqualTo(report);
        JsonNode list = server.get("/api/v1/admin/reconciliations", TestServer.ADMIN).json();
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("differenceCount").asInt()).isEqualTo(4);
        assertThat(server.registry.get("reconciliation.runs").tag("channel", "wechat").tag("outcome", "done").counter().count()).isEqualTo(1);
        assertThat(server.registry.get("reconciliation.differences").tag("channel", "wechat").tag("kind", "paid_only_at_provider")
                .counter().count()).isEqualTo(1);
        assertThat(server.get("/api/v1/admin/audit", TestServer.ADMIN).json().get("violations")).isEmpty();
    }

    @Test
    void alipayZipOfGbkFilesIsReconciledAndALostPaymentApplied() throws Exception {
        long tea = shop.product("乌龙茶", 2_350, 10);
        Buyer buyer = shop.buyer();
        String lost = shop.placed(buyer, tea, 1, "ALIPAY").get("orderNo").asText();
        String lostTrade = startPayment(buyer, lost, "ALIPAY", "QR");
        control("{\"withholdNotifications\":true}");
        payAtCashier(lostTrade, "ALIPAY", "exact");
        control("{\"withholdNotifications\":false}");
        String fine = shop.placed(buyer, tea, 2, "ALIPAY").get("orderNo").asText();
        String fineTrade = startPayment(buyer, fine, "ALIPAY", "QR");
        payAtCashier(fineTrade, "ALIPAY", "exact");
        assertThat(server.post("/sandbox/control/refunds", null,
                Map.of("channel", "ALIPAY", "outTradeNo", fineTrade, "outRefundNo", "PORTAL-ALI-1", "amount", 1_000)).status()).isEqualTo(201);

        Reply reply = reconcile("ALIPAY", today().toString());

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.json().get("providerPayments").asInt()).isEqualTo(2);
        assertThat(kindsAndActions(reply.json())).containsExactlyInAnyOrder("PAID_ONLY_AT_PROVIDER/APPLIED_PAID",
                "REFUND_ONLY_AT_PROVIDER/FLAGGED");
        assertThat(status(buyer, lost)).isEqualTo("PAID");
        assertThat(reconcile("ALIPAY", today().toString()).json()).isEqualTo(reply.json());
    }

    @Test
    void badChannelOrDateIsA400NamingTheFieldAndAProviderDownA503AndNothingIsWritten() {
        assertThat(problemField(reconcile("PAYPAL", today().toString()))).isEqualTo("channel");
        assertThat(problemField(reconcile("WECHAT", "2026-13-01"))).isEqualTo("date");
        assertThat(problemField(reconcile("WECHAT", today().plusDays(1).toString()))).isEqualTo("date");
        Reply missing = server.post("/api/v1/admin/reconciliations", TestServer.ADMIN, Map.of("channel", "WECHAT"));
        assertThat(problemField(missing)).isEqualTo("date");

        control("{\"outage\":\"SERVER_ERROR\"}");
        Reply down = reconcile("WECHAT", today().minusDays(1).toString());
        assertThat(down.status()).as(down.text()).isEqualTo(503);
        assertThat(down.json().get("code").asInt()).isEqualTo(50300);
        control("{\"outage\":\"BAD_SIGNATURE\"}");
        Reply forged = reconcile("ALIPAY", today().minusDays(1).toString());
        assertThat(forged.status()).as(forged.text()).isEqualTo(502);
        control("{\"outage\":\"NONE\"}");

        assertThat(server.get("/api/v1/admin/reconciliations", TestServer.ADMIN).json().get("items")).isEmpty();
        assertThat(server.registry.get("reconciliation.runs").tag("channel", "wechat").tag("outcome", "failed").counter().count()).isEqualTo(1);
        Reply empty = reconcile("WECHAT", today().minusDays(1).toString());
        assertThat(empty.status()).as("a day without trades: NO_STATEMENT_EXIST is an empty bill").isEqualTo(201);
        assertThat(empty.json().get("differences")).isEmpty();
        assertThat(server.get("/api/v1/admin/reconciliations/999999", TestServer.ADMIN).status()).isEqualTo(404);
        assertThat(server.post("/api/v1/admin/reconciliations", null, Map.of("channel", "WECHAT", "date", today().toString())).status())
                .isEqualTo(401);
    }

    private static String problemField(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("code").asInt()).isEqualTo(40005);
        return reply.json().get("errors").get(0).get("field").asText();
    }
}
