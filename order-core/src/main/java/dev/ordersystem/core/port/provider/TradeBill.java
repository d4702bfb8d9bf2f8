package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A provider's trade bill of one day (DESIGN §14), read and checked: its payments and its refunds.
 * A day on which the provider has no bill (no trade at all) is an empty bill.
 *
 * @param billDate the provider's day (China time, as both providers cut their bills)
 */
public record TradeBill(PaymentChannel channel, LocalDate billDate, List<BillPayment> payments, List<BillRefund> refunds)
        implements BillFetch {
    public TradeBill {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(billDate, "billDate");
        payments = List.copyOf(payments);
        refunds = List.copyOf(refunds);
    }
}
