package dev.ordersystem.http;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.port.provider.BillPayment;
import dev.ordersystem.core.port.provider.BillRefund;
import dev.ordersystem.core.port.provider.TradeBill;
import dev.ordersystem.http.provider.AlipayTradeBillFile;
import dev.ordersystem.http.provider.BillFileUnreadable;
import dev.ordersystem.http.provider.WechatPayBills;
import dev.ordersystem.http.provider.WechatTradeBillFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The providers' bill files, read from samples written from their documented formats
 * (src/test/resources/bills): WeChat's UTF-8 trade bill with its `-prefixed fields and summary,
 * Alipay's detail CSV in GBK inside a zip whose entry names are GBK too.
 */
class BillFilesTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Charset GBK = Charset.forName("GBK");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BillFilesTest.class.getResourceAsStream("/bills/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] zip(String detailName, byte[] detail, Charset names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, names)) {
            out.putNextEntry(new ZipEntry("20880000000000010156_20261206_业务明细(汇总).csv"));
            out.write("#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数\r\n合计,,1\r\n".getBytes(GBK));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(detailName));
            out.write(detail);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void wechatTradeBillReadsPaymentsAndRefundsByColumnName() throws IOException {
        TradeBill bill = WechatTradeBillFile.parse(resource("wechat-tradebill-all.csv"), DAY);

        assertThat(bill.payments()).containsExactly(
                new BillPayment("4200002917202612061234567890", "20261206091200123000001_1", Money.of(1_999, CNY),
                        Instant.parse("2026-12-06T01:15:02Z")),
                new BillPayment("4200002918202612061234567891", "20261206235900123000002_2", Money.of(1, CNY),
                        Instant.parse("2026-12-06T15:59:59Z")));
        assertThat(bill.refunds()).containsExactly(new BillRefund("4200002917202612061234567890", "20261206091200123000001_1",
                "RF20261206091200123000001_1", Money.of(500, CNY), Instant.parse("2026-12-06T02:01:00Z"), "SUCCESS"));
    }

    @Test
    void wechatTradeBillWithAByteOrderMarkReadsTheSame() throws IOException {
        byte[] file = resource("wechat-tradebill-all.csv");
        byte[] withBom = new byte[file.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(file, 0, withBom, 3, file.length);

        assertThat(WechatTradeBillFile.parse(withBom, DAY)).isEqualTo(WechatTradeBillFile.parse(file, DAY));
    }

    @Test
    void aWechatBillCutShortOrMiscountedIsNotBelieved() throws IOException {
        String text = new String(resource("wechat-tradebill-all.csv"), StandardCharsets.UTF_8);
        String withoutSummary = text.substring(0, text.indexOf("总交易单数"));
        String miscounted = text.replace("`3,`20.00", "`4,`20.00");
        String badAmount = text.replaceFirst(java.util.regex.Pattern.quote("`0.60%,`19.99,"), "`0.60%,`19.999,"); // 订单金额 with 3 decimals

        assertThatThrownBy(() -> WechatTradeBillFile.parse(withoutSummary.getBytes(StandardCharsets.UTF_8), DAY))
                .isInstanceOf(BillFileUnreadable.class).hasMessageContaining("summary");
        assertThatThrownBy(() -> WechatTradeBillFile.parse(miscounted.getBytes(StandardCharsets.UTF_8), DAY))
                .isInstanceOf(BillFileUnreadable.class).hasMessageContaining("counts 4");
        assertThatThrownBy(() -> WechatTradeBillFile.parse(badAmount.getBytes(StandardCharsets.UTF_8), DAY))
                .isInstanceOf(BillFileUnreadable.class);
    }

    @Test
    void wechatHashIsTheLowerCaseHexSha1OfTheFileBytes() throws IOException {
        // FIPS 180 test vector, and the sample: a byte changed changes the hash the client compares with hash_value.
        assertThat(WechatPayBills.sha1("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        byte[] file = resource("wechat-tradebill-all.csv");
        byte[] tampered = file.clone();
        tampered[tampered.length - 3] = (byte) '9';
        assertThat(WechatPayBills.sha1(file)).matches("[0-9a-f]{40}").isNotEqualTo(WechatPayBills.sha1(tampered));
    }

    @Test
    void alipayZipOfGbkFilesReadsTheDetailFilesTradesAndRefunds() throws IOException {
        byte[] detail = new String(resource("alipay-detail-utf8.csv"), StandardCharsets.UTF_8).getBytes(GBK);

        TradeBill bill = AlipayTradeBillFile.parse(zip("20880000000000010156_20261206_业务明细.csv", detail, GBK), DAY);

        assertThat(bill.payments()).containsExactly(new BillPayment("2026120622001404560500012345", "20261206101500123000003_1",
                Money.of(4_700, CNY), Instant.parse("2026-12-06T02:15:30Z")));
        assertThat(bill.refunds()).containsExactly(new BillRefund("2026120622001404560500012345", "20261206101500123000003_1",
                "RF20261206101500123000003_1", Money.of(1_250, CNY), Instant.parse("2026-12-06T03:00:02Z"), "SUCCESS"));
    }

    @Test
    void alipayDetailReadAsAnythingButGbkOrMissingIsNotBelieved() throws IOException {
        byte[] utf8 = resource("alipay-detail-utf8.csv");
        byte[] gbk = new String(utf8, StandardCharsets.UTF_8).getBytes(GBK);

        assertThatThrownBy(() -> AlipayTradeBillFile.parse(zip("20880000000000010156_20261206_业务明细.csv", utf8, GBK), DAY))
                .as("UTF-8 bytes decoded as GBK lose the header's column names").isInstanceOf(BillFileUnreadable.class)
                .hasMessageContaining("no column");
        assertThatThrownBy(() -> AlipayTradeBillFile.parse(zip("20880000000000010156_20261206_other.csv", gbk, GBK), DAY))
                .isInstanceOf(BillFileUnreadable.class).hasMessageContaining("业务明细");
        assertThatThrownBy(() -> AlipayTradeBillFile.parse("not a zip".getBytes(StandardCharsets.US_ASCII), DAY))
                .isInstanceOf(BillFileUnreadable.class);
    }
}
