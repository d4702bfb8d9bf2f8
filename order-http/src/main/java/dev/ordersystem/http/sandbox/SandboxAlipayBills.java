package dev.ordersystem.http.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.PaymentChannel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Alipay's trade bill as the sandbox plays it: the gateway's
 * {@code alipay.data.dataservice.bill.downloadurl.query} ({@code bill_type=trade},
 * {@code bill_date=yyyy-MM-dd}) answers {@code bill_download_url}, an address with its own token
 * ({@code GET /sandbox/alipay/billdownload?token=}, no signature, as Alipay's) serving the zip of
 * the day's trades and refunds; a day without any is {@code isp.bill_not_exist}. Today's bill can
 * be had at once.
 */
final class SandboxAlipayBills {
    static final String DOWNLOAD = "/sandbox/alipay/billdownload";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxProvider provider;

    SandboxAlipayBills(SandboxProvider provider) {
        this.provider = provider;
    }

    void register(RoutesConfig routes) {
        routes.get(DOWNLOAD, this::file);
    }

    /** The gateway's answer content to the download-url query. */
    ObjectNode downloadUrl(Context ctx, JsonNode content) {
        if (!"trade".equals(content.path("bill_type").asText())) {
            return failure("40004", "Business Failed", "isp.invalid_bill_type", "bill_type must be trade here");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(content.path("bill_date").asText(""));
        } catch (DateTimeParseException e) {
            return failure("40002", "Invalid Arguments", "isv.invalid-parameter", "bill_date must be yyyy-MM-dd");
        }
        if (day.isAfter(LocalDate.ofInstant(provider.now(), CHINA))) {
            return failure("40004", "Business Failed", "isp.bill_not_exist", "账单不存在");
        }
        Instant from = day.atStartOfDay(CHINA).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(CHINA).toInstant();
        List<SandboxTrade> paid = provider.trades().paidBetween(PaymentChannel.ALIPAY, from, to);
        List<SandboxBillRefund> refunds = provider.refunds().billedBetween(PaymentChannel.ALIPAY, from, to);
        if (paid.isEmpty() && refunds.isEmpty()) return failure("40004", "Business Failed", "isp.bill_not_exist", "账单不存在");
        String token = provider.randomToken(48);
        provider.bills().keep(token, SandboxAlipayBillFile.write(day, paid, refunds, provider.now()));
        return JSON.createObjectNode().put("code", "10000").put("msg", "Success")
                .put("bill_download_url", ctx.scheme() + "://" + ctx.host() + DOWNLOAD + "?token=" + token);
    }

    private void file(Context ctx) {
        if (provider.misbehaved(ctx)) return;
        Optional<byte[]> file = provider.bills().file(ctx.queryParam("token"));
        if (file.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no bill file under this token");
            return;
        }
        ctx.status(200).contentType("application/zip").result(file.get());
    }

    private static ObjectNode failure(String code, String msg, String subCode, String subMsg) {
        return JSON.createObjectNode().put("code", code).put("msg", msg).put("sub_code", subCode).put("sub_msg", subMsg);
    }
}
