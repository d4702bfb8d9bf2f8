package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.LocalDate;
import java.util.Set;

/**
 * The providers' daily trade bills (DESIGN §14), kept apart from {@link PaymentProvider}: only
 * reconciliation reads them. WeChat {@code GET /v3/bill/tradebill?bill_date=&bill_type=ALL} and the
 * file at its {@code download_url}, SHA1-checked; Alipay
 * {@code alipay.data.dataservice.bill.downloadurl.query} ({@code bill_type=trade}) and the zip of
 * GBK CSV files at its {@code bill_download_url}. Calls go over the network: never inside a
 * transaction. Implementations bound every call by a timeout, never throw for what the provider
 * or the network did, and are thread-safe.
 */
public interface ProviderBills {

    /** The channels whose bills can be had (configured). */
    Set<PaymentChannel> channels();

    /** The trade bill of {@code billDate} on {@code channel}: payments and refunds, or a failure. */
    BillFetch tradeBill(PaymentChannel channel, LocalDate billDate);
}
