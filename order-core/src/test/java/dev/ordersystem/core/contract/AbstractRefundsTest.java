package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundLine;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.domain.StockReturn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.Refunds}. */
public abstract class AbstractRefundsTest extends StorageFixtures {

    private Refund wechat(OrderNo order, int sequence, long amount, Instant at) {
        return Refund.pending(RefundNo.of(order, sequence), RefundPurpose.ORDER, PaymentMethod.WECHAT,
                Optional.of("4200" + order.value()), cny(10_000), cny(amount), "damaged on arrival",
                List.of(new RefundLine(new ProductId(7), 2), new RefundLine(new ProductId(3), 1)), StockReturn.RESTOCK, at);
    }

    @Test
    void keepsEveryFieldThroughItsLife() {
        OrderNo order = newOrderNo();
        Refund pending = wechat(order, 1, 2_500, now);
        storage.refunds().add(pending);
        assertThat(storage.refunds().find(pending.refundNo())).contains(pending);

        Refund retried = pending.triedAgainAt("PROCESSING", now.plusSeconds(10));
        storage.refunds().update(retried, RefundState.PENDING);
        assertThat(storage.refunds().find(pending.refundNo())).contains(retried);

        Refund failed = retried.failed("NOT_ENOUGH: 基本账户余额不足，请充值后重新发起", now.plusSeconds(20));
        storage.refunds().update(failed, RefundState.PENDING);
        assertThat(storage.refunds().find(pending.refundNo())).contains(failed);
        assertThatThrownBy(() -> storage.refunds().update(failed, RefundState.PENDING)).isInstanceOf(NotFound.class);

        Refund balance = Refund.pending(RefundNo.of(order, 2), RefundPurpose.ORDER, PaymentMethod.BALANCE, Optional.empty(),
                cny(10_000), cny(100), "", List.of(), StockReturn.KEEP, now).succeeded("BALANCE", now);
        storage.refunds().add(balance);
        assertThat(storage.refunds().findByOrder(order)).containsExactly(failed, balance);
    }

    @Test
    void oneRefundPerNumber() {
        OrderNo order = newOrderNo();
        storage.refunds().add(wechat(order, 1, 100, now));
        assertThatThrownBy(() -> storage.refunds().add(wechat(order, 1, 200, now))).isInstanceOf(IllegalStateException.class);
        assertThat(storage.refunds().findByOrder(order)).singleElement().satisfies(r -> assertThat(r.amount()).isEqualTo(cny(100)));
    }

    @Test
    void claimsDueRefundsOnceUntilTheLeaseEnds() {
        OrderNo order = newOrderNo();
        Instant at = now.minusSeconds(3_600);
        Refund due = wechat(order, 1, 100, at);
        Refund later = wechat(order, 2, 100, at).triedAgainAt("PROCESSING", now.plusSeconds(3_600));
        storage.refunds().add(due);
        storage.refunds().add(later);
        storage.refunds().add(wechat(order, 3, 100, at).succeeded("SUCCESS", at));

        List<Refund> claimed = mine(order, storage.refunds().claimDue(now, 1_000, now.plusSeconds(60)));
        assertThat(claimed).extracting(Refund::refundNo).containsExactly(due.refundNo());
        assertThat(claimed.getFirst().nextTryAt()).isEqualTo(now.plusSeconds(60));
        assertThat(mine(order, storage.refunds().claimDue(now.plusSeconds(59), 1_000, now.plusSeconds(120)))).isEmpty();
        assertThat(mine(order, storage.refunds().claimDue(now.plusSeconds(61), 1_000, now.plusSeconds(120))))
                .extracting(Refund::refundNo).containsExactly(due.refundNo());
    }

    @Test
    void findsPendingRefundsByAgeAndSettledOnesByEndTime() {
        OrderNo order = newOrderNo();
        Instant old = now.minusSeconds(7_200);
        Refund stuck = wechat(order, 1, 100, old);
        Refund settled = wechat(order, 2, 100, old).succeeded("SUCCESS", now.minusSeconds(30));
        storage.refunds().add(stuck);
        storage.refunds().add(settled);
        storage.refunds().add(wechat(order, 3, 100, now));

        assertThat(mine(order, storage.refunds().findPendingCreatedBefore(now.minusSeconds(3_600), 1_000)))
                .containsExactly(stuck);
        assertThat(mine(order, storage.refunds().findSettledBetween(now.minusSeconds(60), now))).containsExactly(settled);
        assertThat(storage.refunds().countPending()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void latePaymentsWithoutARefundAreFoundOnceRefundedNoMore() {
        OrderNo order = newOrderNo();
        String tradeNo = unique("wx-late-");
        PaymentRecord late = new PaymentRecord(PaymentChannel.WECHAT, tradeNo, order, cny(900), now, PaymentStatus.REFUND_REQUIRED,
                "{}", now);
        storage.payments().add(late);
        assertThat(storage.refunds().latePaymentsWithoutRefund(100_000)).extracting(PaymentRecord::tradeNo).contains(tradeNo);

        Refund refund = Refund.pending(RefundNo.of(order, 1), RefundPurpose.LATE_PAYMENT, PaymentMethod.WECHAT,
                Optional.of(tradeNo), cny(900), cny(900), "late payment", List.of(), StockReturn.KEEP, now);
        storage.refunds().add(refund);

        assertThat(storage.refunds().latePaymentsWithoutRefund(100_000)).extracting(PaymentRecord::tradeNo).doesNotContain(tradeNo);
        assertThat(storage.refunds().findForPayment(late)).contains(refund);
        Refund again = Refund.pending(RefundNo.of(order, 2), RefundPurpose.LATE_PAYMENT, PaymentMethod.WECHAT,
                Optional.of(tradeNo), cny(900), cny(900), "late payment", List.of(), StockReturn.KEEP, now);
        assertThatThrownBy(() -> storage.refunds().add(again)).isInstanceOf(IllegalStateException.class);
        assertThat(storage.refunds().findByOrder(order)).containsExactly(refund);
    }

    @Test
    void aRefundAddedInARolledBackTransactionIsGone() {
        OrderNo order = newOrderNo();
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.refunds().add(wechat(order, 1, 100, now));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(storage.refunds().findByOrder(order)).isEmpty();
    }

    private static List<Refund> mine(OrderNo order, List<Refund> refunds) {
        return refunds.stream().filter(r -> r.orderNo().equals(order)).toList();
    }
}
