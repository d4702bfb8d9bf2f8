package dev.ordersystem.http.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.BillFetch;
import dev.ordersystem.core.port.provider.ProviderBills;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeBill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Alipay's trade bill (DESIGN §14): {@code alipay.data.dataservice.bill.downloadurl.query}
 * ({@code bill_type=trade}, {@code bill_date=yyyy-MM-dd}; signed and verified like every gateway
 * call) answers {@code bill_download_url}, a short-lived address that carries its own token; the
 * zip there is fetched with a plain GET and read by {@link AlipayTradeBillFile}. A day without a
 * bill ({@code isp.bill_not_exist}) is an empty bill.
 */
public final class AlipayBills implements ProviderBills {
    private static final Logger log = LoggerFactory.getLogger(AlipayBills.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String METHOD = "alipay.data.dataservice.bill.downloadurl.query";

    private final AlipayTrades api;
    private final ProviderWire wire;

    public AlipayBills(AlipayTrades api, ProviderWire wire) {
        this.api = api;
        this.wire = wire;
    }

    @Override
    public Set<PaymentChannel> channels() {
        return Set.of(PaymentChannel.ALIPAY);
    }

    @Override
    public BillFetch tradeBill(PaymentChannel channel, LocalDate billDate) {
        if (channel != PaymentChannel.ALIPAY) throw new IllegalArgumentException("Alipay keeps no " + channel + " bills");
        try {
            return fetch(billDate);
        } catch (AlipayTrades.BusinessRefusal refusal) {
            if ("isp.bill_not_exist".equals(refusal.subCode)) return new TradeBill(PaymentChannel.ALIPAY, billDate, List.of(), List.of());
            return failed(billDate, refusal.asFailure().failure());
        } catch (ProviderCallFailed e) {
            return failed(billDate, e.failure());
        } catch (BillFileUnreadable e) {
            return failed(billDate, new ProviderFailure.MalformedResponse("trade bill file: " + e.getMessage()));
        }
    }

    private TradeBill fetch(LocalDate billDate) {
        JsonNode answer = api.call(METHOD, JSON.createObjectNode().put("bill_type", "trade").put("bill_date", billDate.toString()), false);
        URI url;
        try {
            url = URI.create(AlipayTrades.requiredText(answer, "bill_download_url"));
        } catch (IllegalArgumentException e) {
            throw new ProviderCallFailed(new ProviderFailure.MalformedResponse("bill_download_url is not an address"));
        }
        HttpResponse<byte[]> file = wire.download("trade bill file", () -> HttpRequest.newBuilder(url).GET());
        if (file.statusCode() != 200) {
            throw new ProviderCallFailed(new ProviderFailure.ProviderError(file.statusCode(), "HTTP_" + file.statusCode(),
                    "the bill file answered " + file.statusCode()));
        }
        return AlipayTradeBillFile.parse(file.body(), billDate);
    }

    private static BillFetch failed(LocalDate billDate, ProviderFailure failure) {
        log.warn("Alipay trade bill of {} failed: {}", billDate, failure.describe());
        return new BillFetch.Failed(failure);
    }
}
