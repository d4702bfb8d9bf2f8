package dev.ordersystem.http.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.provider.WechatPayBills;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WeChat Pay's trade bill as the sandbox plays it: {@code GET /v3/bill/tradebill?bill_date=&bill_type=}
 * (signed request, signed answer {@code {hash_type:SHA1, hash_value, download_url}}; a day without
 * trades is {@code 400 NO_STATEMENT_EXIST}) and {@code GET /v3/billdownload/file?token=} (signed
 * request; the file itself unsigned, vouched for by the hash). The bill lists the sandbox's trades
 * paid that day (China time) and the refunds of its {@link SandboxRefunds}. Unlike WeChat, today's
 * bill can be had at once, so a developer need not wait for tomorrow.
 */
final class SandboxWechatBills {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxProvider provider;
    private final SandboxWechatApi api;

    SandboxWechatBills(SandboxProvider provider) {
        this.provider = provider;
        this.api = new SandboxWechatApi(provider);
    }

    void register(RoutesConfig routes) {
        routes.get(SandboxWechatApi.MOUNT + "/v3/bill/tradebill", this::tradeBill);
        routes.get(SandboxWechatApi.MOUNT + "/v3/billdownload/file", this::file);
    }

    private void tradeBill(Context ctx) {
        if (provider.misbehaved(ctx) || !api.authorized(ctx)) return;
        LocalDate day;
        try {
            day = LocalDate.parse(Optional.ofNullable(ctx.queryParam("bill_date")).orElse(""));
        } catch (DateTimeParseException e) {
            api.error(ctx, 400, "PARAM_ERROR", "bill_date must be yyyy-MM-dd");
            return;
        }
        if (day.isAfter(LocalDate.ofInstant(provider.now(), CHINA))) {
            api.error(ctx, 400, "PARAM_ERROR", "bill_date must not be after today");
            return;
        }
        String type = Optional.ofNullable(ctx.queryParam("bill_type")).orElse("ALL");
        if (!Set.of("ALL", "SUCCESS", "REFUND").contains(type)) {
            api.error(ctx, 400, "PARAM_ERROR", "bill_type must be ALL, SUCCESS or REFUND");
            return;
        }
        Instant from = day.atStartOfDay(CHINA).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(CHINA).toInstant();
        List<SandboxTrade> paid = provider.trades().paidBetween(PaymentChannel.WECHAT, from, to);
        List<SandboxBillRefund> refunds = provider.refunds().billedBetween(PaymentChannel.WECHAT, from, to);
        if (paid.isEmpty() && refunds.isEmpty()) {
            api.error(ctx, 400, "NO_STATEMENT_EXIST", "the bill of that day does not exist");
            return;
        }
        byte[] file = SandboxWechatBillFile.write(paid, refunds, type);
        String token = provider.randomToken(48);
        provider.bills().keep(token, file);
        String url = ctx.scheme() + "://" + ctx.host() + SandboxWechatApi.MOUNT + "/v3/billdownload/file?token=" + token;
        api.answer(ctx, 200, JSON.createObjectNode().put("hash_type", "SHA1").put("hash_value", WechatPayBills.sha1(file))
                .put("download_url", url).toString());
    }

    private void file(Context ctx) {
        if (provider.misbehaved(ctx) || !api.authorized(ctx, true)) return;
        Optional<byte[]> file = provider.bills().file(ctx.queryParam("token"));
        if (file.isEmpty()) {
            api.error(ctx, 404, "RESOURCE_NOT_EXISTS", "no bill file under this token");
            return;
        }
        ctx.status(200).contentType("application/octet-stream").result(file.get());
    }
}
