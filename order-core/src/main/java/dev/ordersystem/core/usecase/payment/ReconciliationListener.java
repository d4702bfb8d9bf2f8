package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;

import java.util.List;

/** Hears what reconciliation runs came to (the HTTP layer counts them as metrics). */
public interface ReconciliationListener {

    /** A run finished and stored its differences. */
    void completed(Reconciliation reconciliation, List<ReconciliationDifference> differences);

    /** The provider's bill could not be had. */
    void failed(PaymentChannel channel);

    /** Hears nothing. */
    static ReconciliationListener none() {
        return new ReconciliationListener() {
            @Override
            public void completed(Reconciliation reconciliation, List<ReconciliationDifference> differences) {
            }

            @Override
            public void failed(PaymentChannel channel) {
            }
        };
    }
}
