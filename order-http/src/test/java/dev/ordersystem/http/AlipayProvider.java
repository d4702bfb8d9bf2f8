package dev.ordersystem.http;

import dev.ordersystem.http.payment.AlipayKeys;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Alipay's side in tests, from its documentation with plain JDK crypto: RSA2-signed form notifications. */
final class AlipayProvider {
    static final String APP_ID = "2021004100000001";
    static final String SELLER_ID = "2088102150477652";

    final KeyPair keyPair = WechatPayProvider.rsa();

    AlipayKeys keys() {
        return new AlipayKeys(APP_ID, keyPair.getPublic(), Optional.of(SELLER_ID));
    }

    Map<String, String> fields(String orderNo, String tradeNo, String totalAmount, String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("gmt_create", "2026-05-01 16:00:00");
        fields.put("charset", "utf-8");
        fields.put("seller_email", "shop@example.com");
        fields.put("subject", "订单 " + orderNo);
        fields.put("buyer_id", "2088102177846880");
        fields.put("invoice_amount", totalAmount);
        fields.put("notify_id", "2026050100222160000012345678901234");
        fields.put("fund_bill_list", "[{\"amount\":\"" + totalAmount + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        fields.put("notify_type", "trade_status_sync");
        fields.put("trade_status", status);
        fields.put("receipt_amount", totalAmount);
        fields.put("app_id", APP_ID);
        fields.put("buyer_pay_amount", totalAmount);
        fields.put("notify_time", "2026-05-01 16:00:05");
        fields.put("point_amount", "0.00");
        fields.put("total_amount", totalAmount);
        fields.put("trade_no", tradeNo);
        fields.put("auth_app_id", APP_ID);
        fields.put("gmt_payment", "2026-05-01 16:00:04");
        fields.put("seller_id", SELLER_ID);
        fields.put("out_trade_no", orderNo);
        fields.put("version", "1.0");
        fields.put("passback_params", "");
        return fields;
    }

    /** The fields plus {@code sign_type=RSA2} and {@code sign}, form-encoded. */
    static String form(Map<String, String> fields, PrivateKey key) {
        String content = new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && !e.getKey().equals("sign") && !e.getKey().equals("sign_type"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(content.getBytes(StandardCharsets.UTF_8));
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("sign", Base64.getEncoder().encodeToString(signer.sign()));
            all.put("sign_type", "RSA2");
            return encode(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    String payment(String orderNo, String tradeNo, String totalAmount) {
        return form(fields(orderNo, tradeNo, totalAmount, "TRADE_SUCCESS"), keyPair.getPrivate());
    }
}
