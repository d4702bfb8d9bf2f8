package dev.ordersystem.http.sandbox;

import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.YuanAmount;
import dev.ordersystem.http.provider.WechatTradeBillFile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a WeChat Pay trade bill file of the sandbox's trades and refunds, in WeChat's format
 * ({@link WechatTradeBillFile}): UTF-8, the header, one {@code `}-prefixed line per payment
 * ({@code SUCCESS}) or refund ({@code REFUND}), the summary header and the summary, CRLF lines.
 */
final class SandboxWechatBillFile {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SandboxWechatBillFile() {
    }

    /** {@code type}: ALL (payments and refunds), SUCCESS (payments) or REFUND (refunds). */
    static byte[] write(List<SandboxTrade> paid, List<SandboxBillRefund> refunds, String type) {
        List<List<String>> rows = new ArrayList<>();
        long settled = 0;
        long refunded = 0;
        long ordered = 0;
        if (!type.equals("REFUND")) {
            for (SandboxTrade trade : paid) {
                rows.add(row(trade.paidAt().orElseThrow(), trade.tradeNo().orElseThrow(), trade.outTradeNo(), trade.openId().orElse("sandbox-openid"),
                        trade.kind(), "SUCCESS", trade.currency(), trade.paidMinor(), "0", "0", 0, "", "", trade.subject(), trade.paidMinor(), 0));
                settled += trade.paidMinor();
                ordered += trade.paidMinor();
            }
        }
        if (!type.equals("SUCCESS")) {
            for (SandboxBillRefund refund : refunds) {
                rows.add(row(refund.refundedAt(), refund.tradeNo(), refund.outTradeNo(), "sandbox-openid", "NATIVE", "REFUND", "CNY",
                        refund.orderMinor(), refund.refundId(), refund.outRefundNo(), refund.amountMinor(), "ORIGINAL", "SUCCESS", "refund",
                        refund.orderMinor(), refund.amountMinor()));
                refunded += refund.amountMinor();
            }
        }
        StringBuilder file = new StringBuilder(String.join(",", WechatTradeBillFile.HEADER)).append("\r\n");
        for (List<String> row : rows) file.append(backticked(row)).append("\r\n");
        file.append(String.join(",", WechatTradeBillFile.SUMMARY_HEADER)).append("\r\n");
        file.append(backticked(List.of(Integer.toString(rows.size()), YuanAmount.ofFen(settled), YuanAmount.ofFen(refunded), "0.00",
                "0.00000", YuanAmount.ofFen(ordered), YuanAmount.ofFen(refunded)))).append("\r\n");
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> row(Instant at, String transactionId, String outTradeNo, String openId, String tradeType, String state,
                                    String currency, long settledMinor, String refundId, String outRefundNo, long refundMinor,
                                    String refundType, String refundState, String subject, long orderMinor, long requestedRefundMinor) {
        return List.of(TIME.format(at.atZone(CHINA)), PaymentSandbox.WECHAT_APP_ID, PaymentSandbox.WECHAT_MCH_ID, "0", "", transactionId,
                outTradeNo, openId, tradeType, state, "OTHERS", currency, YuanAmount.ofFen(settledMinor), "0.00", refundId, outRefundNo,
                YuanAmount.ofFen(refundMinor), "0.00", refundType, refundState, subject.replace(",`", ", `"), "", "0.00000", "0.60%",
                YuanAmount.ofFen(orderMinor), YuanAmount.ofFen(requestedRefundMinor), "");
    }

    private static String backticked(List<String> fields) {
        return fields.stream().map(f -> "`" + f).collect(Collectors.joining(","));
    }
}
