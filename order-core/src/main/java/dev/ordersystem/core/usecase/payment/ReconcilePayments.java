package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Refunds;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundState;
import java.util.Optional;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.util.List;

/** Admin work on payments that need a person: list them, mark a required refund as done. */
public final class ReconcilePayments {
    private final Transactions transactions;
    private final PaymentRecords payments;
    private final Refunds refunds;
    private final Outbox outbox;
    private final Clock clock;

    public ReconcilePayments(Transactions transactions, PaymentRecords payments, Refunds refunds, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.payments = payments;
        this.refunds = refunds;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Page<PaymentRecord> list(PaymentStatus status, PageRequest page) {
        return payments.findByStatus(status, page);
    }

    /**
     * The money went back through the channel by hand: REFUND_REQUIRED → REFUNDED, and the refunds of
     * that payment still PENDING (no provider could be asked) are SUCCEEDED as {@code MANUAL}.
     */
    public PaymentRecord markRefunded(PaymentChannel channel, String tradeNo) {
        return transactions.inTransaction(() -> {
            PaymentRecord record = payments.find(channel, tradeNo)
                    .filter(r -> r.status() == PaymentStatus.REFUND_REQUIRED)
                    .orElseThrow(() -> new NotFound("refund-required payment " + channel + "/" + tradeNo));
            PaymentRecord refunded = record.withStatus(PaymentStatus.REFUNDED);
            payments.update(refunded, PaymentStatus.REFUND_REQUIRED);
            for (Refund pending : refunds.findByOrder(record.orderNo())) {
                if (pending.state() == RefundState.PENDING && pending.method() == channel.method()
                        && pending.tradeNo().equals(Optional.of(tradeNo))) {
                    refunds.update(pending.succeeded("MANUAL", clock.instant()), RefundState.PENDING);
                }
            }
            outbox.append(List.of(OrderEvent.of(EventType.PAYMENT_REFUNDED, refunded, clock.instant())));
            return refunded;
        });
    }
}
