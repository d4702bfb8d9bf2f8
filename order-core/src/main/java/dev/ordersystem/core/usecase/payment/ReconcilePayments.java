package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Storage;

/** Admin work on payments that need a person: list them, mark a required refund as done. */
public final class ReconcilePayments {
    private final Storage storage;

    public ReconcilePayments(Storage storage) {
        this.storage = storage;
    }

    public Page<PaymentRecord> list(PaymentStatus status, PageRequest page) {
        return storage.payments().findByStatus(status, page);
    }

    /** The money went back through the channel: REFUND_REQUIRED → REFUNDED. */
    public PaymentRecord markRefunded(PaymentChannel channel, String tradeNo) {
        return storage.transactions().inTransaction(() -> {
            PaymentRecord record = storage.payments().find(channel, tradeNo)
                    .filter(r -> r.status() == PaymentStatus.REFUND_REQUIRED)
                    .orElseThrow(() -> new NotFound("refund-required payment " + channel + "/" + tradeNo));
            PaymentRecord refunded = record.withStatus(PaymentStatus.REFUNDED);
            storage.payments().update(refunded, PaymentStatus.REFUND_REQUIRED);
            return refunded;
        });
    }
}
