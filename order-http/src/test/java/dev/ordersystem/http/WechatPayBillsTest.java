package dev.ordersystem.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.BillFetch;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeBill;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.RsaSignature;
import dev.ordersystem.http.payment.WechatNotifications;
import dev.ordersystem.http.provider.ProviderTimeouts;
import dev.ordersystem.http.provider.ProviderWire;
import dev.ordersystem.http.provider.WechatPayBills;
import dev.ordersystem.http.provider.WechatPayMerchant;
import dev.ordersystem.http.provider.WechatPayTrades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WeChat Pay bill client against a provider written here (not the sandbox): a file whose SHA1 is
 * not the signed answer's {@code hash_value} is not believed, and a {@code download_url} on another
 * host never gets the merchant's signed request.
 */
class WechatPayBillsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    private final Clock clock = Clock.systemUTC();
    private final PaymentSandbox keys = PaymentSandbox.generate(clock);
    private final List<String> apiRequests = new CopyOnWriteArrayList<>();
    private final List<String> strangerRequests = new CopyOnWriteArrayList<>();
    private final HttpServer api;
    private final HttpServer stranger;
    private volatile byte[] file;
    private volatile String hash;
    private volatile boolean fileElsewhere;

    WechatPayBillsTest() throws IOException {
        file = resource();
        hash = WechatPayBills.sha1(file);
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stranger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/v3/bill/tradebill", this::tradeBill);
        api.createContext("/v3/billdownload/file", exchange -> {
            apiRequests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, 200, file, null);
        });
        stranger.createContext("/", exchange -> {
            strangerRequests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, 200, file, null);
        });
        api.start();
        stranger.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
        stranger.stop(0);
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = WechatPayBillsTest.class.getResourceAsStream("/bills/wechat-tradebill-all.csv")) {
            return in.readAllBytes();
        }
    }

    private WechatPayBills client() {
        String base = "http://127.0.0.1:" + api.getAddress().getPort();
        WechatPayMerchant merchant = new WechatPayMerchant(PaymentSandbox.WECHAT_MCH_ID, PaymentSandbox.WECHAT_APP_ID,
                keys.wechatMerchantSerial(), keys.wechatMerchantKeyPair().getPrivate(), () -> URI.create(base + "/notify"),
                () -> URI.create(base));
        ProviderWire wire = new ProviderWire(ProviderTimeouts.defaults());
        return new WechatPayBills(merchant, new WechatPayTrades(merchant, keys.wechatKeys(), wire, clock), wire);
    }

    private void tradeBill(HttpExchange exchange) throws IOException {
        apiRequests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        String host = fileElsewhere ? "http://127.0.0.1:" + stranger.getAddress().getPort() : "http://127.0.0.1:" + api.getAddress().getPort();
        String body = "{\"hash_type\":\"SHA1\",\"hash_value\":\"" + hash + "\",\"download_url\":\"" + host + "/v3/billdownload/file?token=T1\"}";
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = RsaSignature.sign(keys.wechatPlatformKeyPair().getPrivate(),
                WechatNotifications.message(timestamp, "NONCE", body.getBytes(StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().add("Wechatpay-Serial", keys.wechatSerial());
        exchange.getResponseHeaders().add("Wechatpay-Timestamp", timestamp);
        exchange.getResponseHeaders().add("Wechatpay-Nonce", "NONCE");
        exchange.getResponseHeaders().add("Wechatpay-Signature", signature);
        send(exchange, 200, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aFileWhoseSha1IsTheSignedHashIsReadAndTheDownloadIsSigned() {
        BillFetch fetched = client().tradeBill(PaymentChannel.WECHAT, DAY);

        assertThat(fetched).isInstanceOfSatisfying(TradeBill.class, bill -> assertThat(bill.payments()).hasSize(2));
        assertThat(apiRequests).hasSize(2);
        assertThat(apiRequests.get(0)).startsWith("/v3/bill/tradebill?bill_date=2026-12-06&bill_type=ALL WECHATPAY2-SHA256-RSA2048 ");
        assertThat(apiRequests.get(1)).startsWith("/v3/billdownload/file?token=T1 WECHATPAY2-SHA256-RSA2048 ");
    }

    @Test
    void aFileThatIsNotWhatTheHashSaysIsNotBelieved() {
        byte[] tampered = file.clone();
        tampered[tampered.length - 3] = (byte) '9';
        file = tampered; // the signed answer still carries the original file's SHA1

        BillFetch fetched = client().tradeBill(PaymentChannel.WECHAT, DAY);

        assertThat(fetched).isInstanceOfSatisfying(BillFetch.Failed.class,
                failed -> assertThat(failed.failure()).isInstanceOf(ProviderFailure.BadSignature.class));
    }

    @Test
    void aDownloadUrlOnAnotherHostNeverGetsTheMerchantsSignature() {
        fileElsewhere = true;

        BillFetch fetched = client().tradeBill(PaymentChannel.WECHAT, DAY);

        assertThat(fetched).isInstanceOfSatisfying(BillFetch.Failed.class,
                failed -> assertThat(failed.failure()).isInstanceOf(ProviderFailure.MalformedResponse.class));
        assertThat(strangerRequests).isEmpty();
    }
}
