package dev.ordersystem.http;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.service.billdownload.BillDownloadService;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.HashType;
import com.wechat.pay.java.service.billdownload.model.QueryBillEntity;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.port.provider.BillPayment;
import dev.ordersystem.core.port.provider.TradeBill;
import dev.ordersystem.core.usecase.payment.ReconcileBill;
import dev.ordersystem.http.payment.PaymentChannels;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.provider.AlipayTradeBillFile;
import dev.ordersystem.http.provider.AlipayTrades;
import dev.ordersystem.http.provider.WechatPayTrades;
import dev.ordersystem.http.provider.WechatTradeBillFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official SDKs' bill download against the sandbox provider (DESIGN §14), as a Java shop would
 * call it: wechatpay-java's {@code BillDownloadService} / {@code BillDownloadServiceExtension}
 * (the SDK signs both requests, validates the signed answer and checks the file's SHA1 itself) and
 * alipay-sdk-java's {@code AlipayDataDataserviceBillDownloadurlQueryRequest} (the SDK signs the
 * call and verifies the answer's sign); the files they get read with the shop's own parsers.
 */
class BillSdkInteropTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000);

    private final ShiftedClock clock = new ShiftedClock(); // the SDKs check timestamps against the real clock
    private final PaymentSandbox sandbox = PaymentSandbox.generate(clock);
    private final TestServer server = TestServer.builder().clock(clock).payments(PaymentChannels.sandbox(sandbox)).start();
    private final String base = "http://127.0.0.1:" + server.app().port();
    private final RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder().merchantId(PaymentSandbox.WECHAT_MCH_ID)
            .privateKey(sandbox.wechatMerchantKeyPair().getPrivate()).merchantSerialNumber(sandbox.wechatMerchantSerial())
            .publicKey(sandbox.wechatPlatformKeyPair().getPublic()).publicKeyId(sandbox.wechatSerial()).apiV3Key(sandbox.apiV3Key()).build();
    private final JdkSdkHttpClient wechatHttp = new JdkSdkHttpClient(config, base);
    private final HttpClient browser = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private String outTradeNo() {
        return OutTradeNo.of(new OrderNo("20261207" + String.format("%015d", ORDERS.incrementAndGet())), 1).value();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ReconcileBill.BILL_ZONE);
    }

    private void payAtCashier(String outTradeNo, String channel) throws Exception {
        HttpResponse<String> paid = browser.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/cashier/" + outTradeNo + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("channel=" + channel + "&amount=exact")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    @Test
    void wechatpayJavasBillDownloadGetsTheSandboxsTradeBillAndItsHashHolds() throws Exception {
        NativePayService pay = new NativePayService.Builder().httpClient(wechatHttp).build();
        String no = outTradeNo();
        PrepayRequest prepay = new PrepayRequest();
        prepay.setAppid(PaymentSandbox.WECHAT_APP_ID);
        prepay.setMchid(PaymentSandbox.WECHAT_MCH_ID);
        prepay.setDescription("绿茶, 250 g");
        prepay.setOutTradeNo(no);
        prepay.setNotifyUrl(base + "/api/v1/payments/wechat/notify");
        prepay.setTimeExpire(WechatPayTrades.rfc3339(clock.instant().plus(Duration.ofMinutes(30))));
        Amount amount = new Amount();
        amount.setTotal(1_230);
        amount.setCurrency("CNY");
        prepay.setAmount(amount);
        pay.prepay(prepay);
        payAtCashier(no, "WECHAT");
        GetTradeBillRequest request = new GetTradeBillRequest();
        request.setBillDate(today().toString());
        request.setBillType(BillType.ALL);

        QueryBillEntity query = new BillDownloadService.Builder().httpClient(wechatHttp).decryptor(config.createDecryptor()).build().getTradeBill(request);
        assertThat(query.getHashType()).isEqualTo(HashType.SHA1);
        assertThat(query.getDownloadUrl()).contains("/v3/billdownload/file?token=");

        DigestBillEntity bill = new BillDownloadServiceExtension.Builder().httpClient(wechatHttp).decryptor(config.createDecryptor())
                .build().getTradeBill(request);
        byte[] file;
        try (InputStream in = bill.getInputStream()) {
            file = in.readAllBytes();
        }
        assertThat(bill.verifyHash()).as("the SDK's own SHA1 check of the file").isTrue();
        TradeBill read = WechatTradeBillFile.parse(file, today());
        assertThat(read.payments()).extracting(BillPayment::outTradeNo, BillPayment::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(no, Money.of(1_230, CNY)));
    }

    @Test
    void alipaySdksBillDownloadUrlQueryIsAnsweredSignedAndItsZipReads() throws Exception {
        DefaultAlipayClient sdk = new DefaultAlipayClient(base + "/sandbox/alipay/gateway.do", PaymentSandbox.ALIPAY_APP_ID,
                Base64.getEncoder().encodeToString(sandbox.alipayAppKeyPair().getPrivate().getEncoded()), "json", "utf-8",
                Base64.getEncoder().encodeToString(sandbox.alipayKeyPair().getPublic().getEncoded()), "RSA2");
        AlipayDataDataserviceBillDownloadurlQueryRequest none = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        none.setBizContent("{\"bill_type\":\"trade\",\"bill_date\":\"" + today() + "\"}");
        AlipayDataDataserviceBillDownloadurlQueryResponse empty = sdk.execute(none);
        assertThat(empty.isSuccess()).isFalse();
        assertThat(empty.getSubCode()).isEqualTo("isp.bill_not_exist");

        String no = outTradeNo();
        AlipayTradePrecreateRequest precreate = new AlipayTradePrecreateRequest();
        precreate.setNotifyUrl(base + "/api/v1/payments/alipay/notify");
        precreate.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"23.45\",\"subject\":\"乌龙茶\","
                + "\"time_expire\":\"" + AlipayTrades.alipayTime(clock.instant().plus(Duration.ofMinutes(30))) + "\"}");
        AlipayTradePrecreateResponse created = sdk.execute(precreate);
        assertThat(created.isSuccess()).as(created.getBody()).isTrue();
        payAtCashier(no, "ALIPAY");

        AlipayDataDataserviceBillDownloadurlQueryRequest request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizContent("{\"bill_type\":\"trade\",\"bill_date\":\"" + today() + "\"}");
        AlipayDataDataserviceBillDownloadurlQueryResponse answer = sdk.execute(request);
        assertThat(answer.isSuccess()).as(answer.getBody()).isTrue();

        HttpResponse<byte[]> zip = browser.send(HttpRequest.newBuilder(URI.create(answer.getBillDownloadUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        TradeBill read = AlipayTradeBillFile.parse(zip.body(), today());
        assertThat(read.payments()).extracting(BillPayment::outTradeNo, BillPayment::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(no, Money.of(2_345, CNY)));
        assertThat(server.post("/sandbox/control/refunds", null, Map.of("channel", "ALIPAY", "outTradeNo", no, "outRefundNo", "R1",
                "amount", 100)).status()).isEqualTo(201);
    }
}
