package dev.ordersystem.http.sandbox;

import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.YuanAmount;
import dev.ordersystem.http.provider.AlipayTradeBillFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an Alipay trade bill of the sandbox's trades and refunds as Alipay serves it
 * ({@link AlipayTradeBillFile}): a zip (entry names in GBK) of two GBK CSV files,
 * {@code <pid>_<yyyyMMdd>_业务明细.csv} with its {@code #} comment lines, header and tab-padded
 * detail lines (退款 lines with a negative 商家实收), and {@code …_业务明细(汇总).csv}.
 */
final class SandboxAlipayBillFile {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CN_DAY = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String LIST_START = "#-----------------------------------------业务明细列表----------------------------------------";
    private static final String LIST_END = "#-----------------------------------------业务明细列表结束------------------------------------";

    private SandboxAlipayBillFile() {
    }

    static byte[] write(LocalDate day, List<SandboxTrade> paid, List<SandboxBillRefund> refunds, Instant exportedAt) {
        String pid = PaymentSandbox.ALIPAY_SELLER_ID + "0156";
        StringBuilder detail = new StringBuilder();
        detail.append("#支付宝业务明细查询\r\n");
        detail.append("#账号：[").append(pid).append("]\r\n");
        detail.append("#起始日期：[").append(CN_DAY.format(day.atStartOfDay())).append("]   终止日期：[")
                .append(CN_DAY.format(day.plusDays(1).atStartOfDay())).append("]\r\n");
        detail.append(LIST_START).append("\r\n");
        detail.append(String.join(",", AlipayTradeBillFile.HEADER)).append("\r\n");
        long income = 0;
        long refunded = 0;
        for (SandboxTrade trade : paid) {
            detail.append(line(trade.tradeNo().orElseThrow(), trade.outTradeNo(), "交易", trade.subject(), trade.createdAt(),
                    trade.paidAt().orElseThrow(), YuanAmount.ofFen(trade.paidMinor()), YuanAmount.ofFen(trade.paidMinor()), "")).append("\r\n");
            income += trade.paidMinor();
        }
        for (SandboxBillRefund refund : refunds) {
            detail.append(line(refund.tradeNo(), refund.outTradeNo(), "退款", "refund", refund.refundedAt(), refund.refundedAt(),
                    YuanAmount.ofFen(refund.orderMinor()), "-" + YuanAmount.ofFen(refund.amountMinor()), refund.outRefundNo())).append("\r\n");
            refunded += refund.amountMinor();
        }
        detail.append(LIST_END).append("\r\n");
        detail.append("#交易合计：").append(paid.size()).append("笔，商家实收共").append(YuanAmount.ofFen(income)).append("元，服务费共0.00元\r\n");
        detail.append("#退款合计：").append(refunds.size()).append("笔，商家实收退款共").append(YuanAmount.ofFen(refunded)).append("元\r\n");
        detail.append("#导出时间：[").append(CN_DAY.format(exportedAt.atZone(CHINA))).append("]\r\n");
        String summary = "#支付宝业务汇总查询\r\n#账号：[" + pid + "]\r\n门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）\r\n"
                + "合计,,"+ paid.size() + "," + refunds.size() + "," + YuanAmount.ofFen(income) + "," + YuanAmount.ofFen(income - refunded)
                + "\r\n#导出时间：[" + CN_DAY.format(exportedAt.atZone(CHINA)) + "]\r\n";
        String prefix = pid + "_" + COMPACT.format(day);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip, AlipayTradeBillFile.GBK)) {
            out.putNextEntry(new ZipEntry(prefix + "_业务明细.csv"));
            out.write(detail.toString().getBytes(AlipayTradeBillFile.GBK));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(prefix + "_业务明细(汇总).csv"));
            out.write(summary.getBytes(AlipayTradeBillFile.GBK));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip.toByteArray();
    }

    /** One detail line; numbers padded with a tab as Alipay pads them, so spreadsheets keep them as text. */
    private static String line(String tradeNo, String outTradeNo, String kind, String subject, Instant createdAt, Instant finishedAt,
                               String orderYuan, String receivedYuan, String outRequestNo) {
        return String.join(",", List.of(tradeNo + "\t", outTradeNo + "\t", kind, subject.replace(',', '，'),
                TIME.format(createdAt.atZone(CHINA)), TIME.format(finishedAt.atZone(CHINA)), "", "", "", "", "san***@sandbox.example",
                orderYuan, receivedYuan, "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00",
                outRequestNo.isEmpty() ? "" : outRequestNo + "\t", "0.00", "0.00", ""));
    }
}
