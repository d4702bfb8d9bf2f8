package dev.ordersystem.http.provider;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.BillPayment;
import dev.ordersystem.core.port.provider.BillRefund;
import dev.ordersystem.core.port.provider.TradeBill;
import dev.ordersystem.http.payment.YuanAmount;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Instant;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Alipay's trade bill ({@code bill_type=trade}) as its {@code bill_download_url} serves it: a zip
 * (entry names in GBK) of GBK CSV files, {@code <pid>_<yyyyMMdd>_业务明细.csv} (the detail) and
 * {@code …_业务明细(汇总).csv} (the summary, not read). The detail file has comment lines starting
 * with {@code #} (title, account, period, the list's start and end marks, totals, export time)
 * around one header line ({@code 支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,…,订单金额（元）,
 * 商家实收（元）,…,退款批次号/请求号,…}) and the detail lines, whose fields are padded with spaces and
 * tabs. 业务类型 {@code 交易} is a payment (订单金额（元）, 完成时间); {@code 退款} is a refund (退款批次号/请求号,
 * the out_request_no; its amount is the refund line's 商家实收（元）, written negative).
 */
public final class AlipayTradeBillFile {
    public static final Charset GBK = Charset.forName("GBK");
    public static final String DETAIL_SUFFIX = "_业务明细.csv";
    public static final List<String> HEADER = List.of("支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间", "完成时间", "门店编号",
            "门店名称", "操作员", "终端号", "对方账户", "订单金额（元）", "商家实收（元）", "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）",
            "商家优惠（元）", "券核销金额（元）", "券名称", "商家红包消费金额（元）", "卡消费金额（元）", "退款批次号/请求号", "服务费（元）", "分润（元）", "备注");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;

    private AlipayTradeBillFile() {
    }

    /** The bill of {@code billDate} read from the zip's bytes. */
    public static TradeBill parse(byte[] zip, LocalDate billDate) {
        return parseDetail(detail(zip), billDate);
    }

    /** The detail CSV's text (decoded from GBK) out of the zip. */
    static String detail(byte[] zip) {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().endsWith(DETAIL_SUFFIX)) {
                    byte[] content = entries.readNBytes(MAX_ENTRY_BYTES + 1);
                    if (content.length > MAX_ENTRY_BYTES) throw new BillFileUnreadable("the detail file is larger than 64 MiB");
                    return new String(content, GBK);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BillFileUnreadable("not a zip of the bill's files: " + e.getClass().getSimpleName());
        }
        throw new BillFileUnreadable("the zip has no *" + DETAIL_SUFFIX);
    }

    static TradeBill parseDetail(String text, LocalDate billDate) {
        Map<String, Integer> columns = null;
        List<BillPayment> payments = new ArrayList<>();
        List<BillRefund> refunds = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] fields = line.split(",", -1);
            if (columns == null) {
                columns = new HashMap<>();
                for (int c = 0; c < fields.length; c++) columns.put(fields[c].trim(), c);
                for (String needed : List.of("支付宝交易号", "商户订单号", "业务类型", "完成时间", "订单金额（元）", "商家实收（元）", "退款批次号/请求号")) {
                    if (!columns.containsKey(needed)) throw new BillFileUnreadable("the header has no column " + needed);
                }
                continue;
            }
            if (fields.length < columns.size()) throw new BillFileUnreadable("line " + (i + 1) + " has " + fields.length + " fields");
            String kind = field(fields, columns, "业务类型");
            switch (kind) {
                case "交易" -> payments.add(new BillPayment(field(fields, columns, "支付宝交易号"), field(fields, columns, "商户订单号"),
                        yuan(field(fields, columns, "订单金额（元）"), i), time(fields, columns, i)));
                case "退款" -> refunds.add(new BillRefund(field(fields, columns, "支付宝交易号"), field(fields, columns, "商户订单号"),
                        field(fields, columns, "退款批次号/请求号"), yuan(field(fields, columns, "商家实收（元）").replaceFirst("^-", ""), i),
                        time(fields, columns, i), "SUCCESS"));
                default -> throw new BillFileUnreadable("line " + (i + 1) + " has the unknown 业务类型 '" + kind + "'");
            }
        }
        if (columns == null) throw new BillFileUnreadable("the detail file has no header line");
        return new TradeBill(PaymentChannel.ALIPAY, billDate, payments, refunds);
    }

    private static String field(String[] fields, Map<String, Integer> columns, String name) {
        return fields[columns.get(name)].strip();
    }

    private static Money yuan(String text, int line) {
        try {
            return Money.of(YuanAmount.toFen(text), CNY);
        } catch (RuntimeException e) {
            throw new BillFileUnreadable("line " + (line + 1) + ": '" + text + "' is not an amount in yuan");
        }
    }

    private static Instant time(String[] fields, Map<String, Integer> columns, int line) {
        try {
            return LocalDateTime.parse(field(fields, columns, "完成时间"), TIME).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw new BillFileUnreadable("line " + (line + 1) + ": 完成时间 is not yyyy-MM-dd HH:mm:ss");
        }
    }
}
