package dev.ordersystem.core.port.provider;

/** The answer to {@link ProviderBills#tradeBill}: the bill, or why it could not be had. */
public sealed interface BillFetch permits TradeBill, BillFetch.Failed {

    /** The provider could not be heard, refused, or served a file that fails its check (hash, format). */
    record Failed(ProviderFailure failure) implements BillFetch {
        public Failed {
            java.util.Objects.requireNonNull(failure, "failure");
        }
    }
}
