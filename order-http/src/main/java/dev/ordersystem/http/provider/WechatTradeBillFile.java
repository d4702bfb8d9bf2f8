package dev.ordersystem.http.provider;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.BillPayment;
import dev.ordersystem.core.port.provider.BillRefund;
import dev.ordersystem.core.port.provider.TradeBill;
import dev.ordersystem.http.payment.YuanAmount;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WeChat Pay's trade bill file ({@code bill_type=ALL}), as the download URL serves it: UTF-8, a
 * header line of column names ({@code 交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,…}),
 * one line per payment or refund with every field prefixed by {@code `} (so Excel keeps long
 * numbers), then the summary's header ({@code 总交易单数,…}) and the summary line. Columns are found
 * by name, since WeChat says their order may change. A line's 交易状态 is {@code SUCCESS} (a
 * payment: 订单金额) or {@code REFUND} (a refund: 商户退款单号, 申请退款金额, 退款状态); the
 * summary's 总交易单数 must count the lines, or the file is cut short and not believed.
 */
public final class WechatTradeBillFile {
    public static final List<String> HEADER = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号",
            "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额",
            "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注");
    public static final List<String> SUMMARY_HEADER = List.of("总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额",
            "订单总金额", "申请退款总金额");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private WechatTradeBillFile() {
    }

    /** The bill of {@code billDate} read from the file's bytes. */
    public static TradeBill parse(byte[] file, LocalDate billDate) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\r?\n");
        if (lines.length < 3) throw new BillFileUnreadable("a WeChat trade bill has a header, a summary header and a summary");
        Map<String, Integer> columns = columns(lines[0]);
        for (String needed : List.of("交易时间", "微信订单号", "商户订单号", "交易状态", "货币种类", "订单金额", "商户退款单号", "申请退款金额", "退款状态")) {
            if (!columns.containsKey(needed)) throw new BillFileUnreadable("the header has no column " + needed);
        }
        List<BillPayment> payments = new ArrayList<>();
        List<BillRefund> refunds = new ArrayList<>();
        int line = 1;
        int rows = 0;
        for (; line < lines.length && !lines[line].startsWith(SUMMARY_HEADER.getFirst()); line++) {
            if (lines[line].isBlank()) continue;
            List<String> fields = fields(lines[line], line);
            if (fields.size() < columns.size()) throw new BillFileUnreadable("line " + (line + 1) + " has " + fields.size() + " fields");
            rows++;
            String state = field(fields, columns, "交易状态");
            switch (state) {
                case "SUCCESS" -> payments.add(new BillPayment(field(fields, columns, "微信订单号"), field(fields, columns, "商户订单号"),
                        money(fields, columns, "订单金额", line), time(fields, columns, line)));
                case "REFUND" -> refunds.add(new BillRefund(field(fields, columns, "微信订单号"), field(fields, columns, "商户订单号"),
                        field(fields, columns, "商户退款单号"), money(fields, columns, "申请退款金额", line), time(fields, columns, line),
                        field(fields, columns, "退款状态")));
                // REVOKED: a cancelled micropay, a scene this shop does not use; it moves no money.
                case "REVOKED" -> { }
                default -> throw new BillFileUnreadable("line " + (line + 1) + " has the unknown 交易状态 '" + state + "'");
            }
        }
        if (line + 1 >= lines.length) throw new BillFileUnreadable("the bill has no summary: cut short");
        List<String> summary = fields(lines[line + 1], line + 1);
        try {
            if (Integer.parseInt(summary.getFirst()) != rows) {
                throw new BillFileUnreadable("the summary counts " + summary.getFirst() + " lines, the file has " + rows);
            }
        } catch (NumberFormatException e) {
            throw new BillFileUnreadable("the summary's 总交易单数 is not a number");
        }
        return new TradeBill(PaymentChannel.WECHAT, billDate, payments, refunds);
    }

    private static Map<String, Integer> columns(String header) {
        Map<String, Integer> columns = new HashMap<>();
        String[] names = header.split(",", -1);
        for (int i = 0; i < names.length; i++) columns.put(names[i].trim(), i);
        return columns;
    }

    /** A data line: every field starts with '`'; splitting on ",`" keeps commas inside a field (a product name) whole. */
    private static List<String> fields(String line, int index) {
        if (!line.startsWith("`")) throw new BillFileUnreadable("line " + (index + 1) + " does not start with '`'");
        String[] parts = line.substring(1).split(",`", -1);
        List<String> fields = new ArrayList<>(parts.length);
        for (String part : parts) fields.add(part.trim());
        return fields;
    }

    private static String field(List<String> fields, Map<String, Integer> columns, String name) {
        return fields.get(columns.get(name));
    }

    private static Money money(List<String> fields, Map<String, Integer> columns, String name, int line) {
        try {
            return Money.of(YuanAmount.toFen(field(fields, columns, name)), Currency.getInstance(field(fields, columns, "货币种类")));
        } catch (RuntimeException e) {
            throw new BillFileUnreadable("line " + (line + 1) + ": " + name + " is not an amount in yuan of a known currency");
        }
    }

    private static java.time.Instant time(List<String> fields, Map<String, Integer> columns, int line) {
        try {
            return LocalDateTime.parse(field(fields, columns, "交易时间"), TIME).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw new BillFileUnreadable("line " + (line + 1) + ": 交易时间 is not yyyy-MM-dd HH:mm:ss");
        }
    }
}
