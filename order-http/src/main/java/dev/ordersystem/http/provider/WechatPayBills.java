package dev.ordersystem.http.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.BillFetch;
import dev.ordersystem.core.port.provider.ProviderBills;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeBill;
import dev.ordersystem.http.provider.ProviderWire.Answer;
import dev.ordersystem.http.provider.ProviderWire.Repeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * WeChat Pay's trade bill (DESIGN §14): {@code GET /v3/bill/tradebill?bill_date=&bill_type=ALL}
 * (signed and verified like every v3 call) answers {@code {hash_type, hash_value, download_url}};
 * the file at {@code download_url} is fetched with a signed GET too (its answer carries no
 * signature: the SHA1 from the signed answer vouches for it) and believed only when its SHA1 is
 * {@code hash_value}. The merchant's signature is only ever sent to the configured API host: a
 * {@code download_url} elsewhere is refused. {@code NO_STATEMENT_EXIST} (no trade that day) is an
 * empty bill.
 */
public final class WechatPayBills implements ProviderBills {
    private static final Logger log = LoggerFactory.getLogger(WechatPayBills.class);

    private final WechatPayMerchant merchant;
    private final WechatPayTrades api;
    private final ProviderWire wire;

    public WechatPayBills(WechatPayMerchant merchant, WechatPayTrades api, ProviderWire wire) {
        this.merchant = merchant;
        this.api = api;
        this.wire = wire;
    }

    @Override
    public Set<PaymentChannel> channels() {
        return Set.of(PaymentChannel.WECHAT);
    }

    @Override
    public BillFetch tradeBill(PaymentChannel channel, LocalDate billDate) {
        if (channel != PaymentChannel.WECHAT) throw new IllegalArgumentException("WeChat Pay keeps no " + channel + " bills");
        try {
            return fetch(billDate);
        } catch (ProviderCallFailed e) {
            log.warn("WeChat Pay trade bill of {} failed: {}", billDate, e.failure().describe());
            return new BillFetch.Failed(e.failure());
        } catch (BillFileUnreadable e) {
            log.warn("WeChat Pay trade bill of {} cannot be read: {}", billDate, e.getMessage());
            return new BillFetch.Failed(new ProviderFailure.MalformedResponse("trade bill file: " + e.getMessage()));
        }
    }

    private TradeBill fetch(LocalDate billDate) {
        String path = "/v3/bill/tradebill?bill_date=" + billDate + "&bill_type=ALL";
        Answer answer = wire.send("trade bill", Repeat.SAFE, () -> api.request("GET", path, ""));
        if (answer.status() == 400 && "NO_STATEMENT_EXIST".equals(WechatPayTrades.errorCode(answer))) {
            api.verify(answer); // acted upon (an empty day), so believed only when signed
            return new TradeBill(PaymentChannel.WECHAT, billDate, List.of(), List.of());
        }
        if (answer.status() != 200) throw WechatPayTrades.refused(answer);
        JsonNode bill = api.verified(answer);
        if (!"SHA1".equals(bill.path("hash_type").asText())) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("hash_type is not SHA1"));
        }
        String hash = WechatPayTrades.requiredText(bill, "hash_value");
        String url = WechatPayTrades.requiredText(bill, "download_url");
        String base = WechatPayTrades.withoutSlash(merchant.baseUrl().get());
        if (!url.startsWith(base + "/")) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("download_url is not on the API host " + base));
        }
        String pathAndQuery = url.substring(base.length());
        HttpResponse<byte[]> file = wire.download("trade bill file", () -> api.request("GET", pathAndQuery, ""));
        if (file.statusCode() != 200) {
            throw new ProviderCallFailed(new ProviderFailure.ProviderError(file.statusCode(), "HTTP_" + file.statusCode(),
                    "the bill file answered " + file.statusCode()));
        }
        if (!sha1(file.body()).equalsIgnoreCase(hash)) {
            throw new ProviderCallFailed(new ProviderFailure.BadSignature("the bill file's SHA1 is not the hash_value of the signed answer"));
        }
        return WechatTradeBillFile.parse(file.body(), billDate);
    }

    /** The lower-case hex SHA1 of {@code bytes}, as WeChat writes {@code hash_value}. */
    public static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
