package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.port.Refunds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Refunds by out_refund_no, with the late-payment refund of each payment kept as an index of its own. */
final class InMemoryRefunds implements Refunds {
    private final InMemoryStore store;
    private final InMemoryPaymentRecords payments;
    final Map<RefundNo, Refund> refunds = new LinkedHashMap<>();
    private final Map<String, RefundNo> byLatePayment = new HashMap<>();

    InMemoryRefunds(InMemoryStore store, InMemoryPaymentRecords payments) {
        this.store = store;
        this.payments = payments;
    }

    @Override
    public void add(Refund refund) {
        store.inTransaction(() -> {
            if (refunds.containsKey(refund.refundNo())) throw new IllegalStateException("refund " + refund.refundNo() + " exists");
            if (refund.purpose() == RefundPurpose.LATE_PAYMENT) {
                String key = paymentKey(refund);
                if (byLatePayment.containsKey(key)) throw new IllegalStateException("payment " + key + " has a refund");
                store.put(byLatePayment, key, refund.refundNo());
            }
            store.put(refunds, refund.refundNo(), refund);
            return null;
        });
    }

    @Override
    public Optional<Refund> find(RefundNo refundNo) {
        return store.read(() -> Optional.ofNullable(refunds.get(refundNo)));
    }

    @Override
    public List<Refund> findByOrder(OrderNo orderNo) {
        return store.read(() -> refunds.values().stream().filter(r -> r.orderNo().equals(orderNo))
                .sorted(Comparator.comparingInt(r -> r.refundNo().sequence())).toList());
    }

    @Override
    public List<Refund> claimDue(Instant now, int limit, Instant leaseUntil) {
        return store.inTransaction(() -> {
            List<Refund> due = refunds.values().stream()
                    .filter(r -> r.state() == RefundState.PENDING && !r.nextTryAt().isAfter(now))
                    .sorted(Comparator.comparing(Refund::nextTryAt)).limit(limit).toList();
            List<Refund> claimed = new ArrayList<>();
            for (Refund r : due) {
                Refund leased = new Refund(r.refundNo(), r.orderNo(), r.purpose(), r.method(), r.tradeNo(), r.paidTotal(),
                        r.amount(), r.reason(), r.lines(), r.stockReturn(), r.state(), r.failure(), r.providerState(),
                        r.tries(), r.createdAt(), leaseUntil, r.endedAt());
                store.put(refunds, r.refundNo(), leased);
                claimed.add(leased);
            }
            return claimed;
        });
    }

    @Override
    public List<Refund> findPendingCreatedBefore(Instant cutoff, int limit) {
        return store.read(() -> refunds.values().stream()
                .filter(r -> r.state() == RefundState.PENDING && r.createdAt().isBefore(cutoff))
                .sorted(Comparator.comparing(Refund::createdAt)).limit(limit).toList());
    }

    @Override
    public long countPending() {
        return store.read(() -> refunds.values().stream().filter(r -> r.state() == RefundState.PENDING).count());
    }

    @Override
    public List<Refund> findSettledBetween(Instant from, Instant to) {
        return store.read(() -> refunds.values().stream()
                .filter(r -> r.endedAt().map(at -> !at.isBefore(from) && at.isBefore(to)).orElse(false))
                .sorted(Comparator.comparing((Refund r) -> r.endedAt().orElseThrow())).toList());
    }

    @Override
    public List<PaymentRecord> latePaymentsWithoutRefund(int limit) {
        return store.read(() -> payments.records.values().stream()
                .filter(p -> p.status() == PaymentStatus.REFUND_REQUIRED)
                .filter(p -> refunds.values().stream().noneMatch(r -> r.method() == p.channel().method()
                        && r.tradeNo().equals(Optional.of(p.tradeNo()))))
                .limit(limit).toList());
    }

    @Override
    public Optional<Refund> findForPayment(PaymentRecord payment) {
        return store.read(() -> Optional.ofNullable(byLatePayment.get(payment.channel() + "/" + payment.tradeNo()))
                .map(refunds::get));
    }

    @Override
    public void update(Refund changed, RefundState expected) {
        store.inTransaction(() -> {
            Refund current = refunds.get(changed.refundNo());
            if (current == null || current.state() != expected) {
                throw new NotFound("refund " + changed.refundNo() + " in state " + expected);
            }
            store.put(refunds, changed.refundNo(), changed);
            return null;
        });
    }

    private static String paymentKey(Refund refund) {
        return refund.channel().orElseThrow() + "/" + refund.tradeNo().orElseThrow();
    }
}
