package dev.ordersystem.core.audit;

import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AuditSource;
import dev.ordersystem.core.port.AuditSource.EventTrail;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit's decisions on hand-made figures; the stores' figures are tested by their contract test. */
class InvariantAuditTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final OrderNo ORDER = new OrderNo("20261125080000000000001");

    private record Figures(List<StockFigures> stock, List<BalanceFigures> balances, List<PaidOrderFigures> paid,
                           List<PaymentRecord> orphans, List<OrderNo> stuck, List<String> keys,
                           List<UserId> books, List<OrderNo> shipped, List<EventTrail> trails,
                           List<AuditSource.RefundTotal> refundTotals, List<String> pendingRefunds) implements AuditSource {
        Figures(List<StockFigures> stock, List<BalanceFigures> balances, List<PaidOrderFigures> paid, List<PaymentRecord> orphans,
                List<OrderNo> stuck, List<String> keys, List<UserId> books, List<OrderNo> shipped, List<EventTrail> trails) {
            this(stock, balances, paid, orphans, stuck, keys, books, shipped, trails, List.of(), List.of());
        }

        public List<AuditSource.RefundTotal> orderRefundTotals() { return refundTotals; }
        public List<String> refundsPendingBefore(Instant cutoff) { return pendingRefunds; }
        public List<StockFigures> stockFigures() { return stock; }
        public List<BalanceFigures> balanceFigures() { return balances; }
        public List<PaidOrderFigures> paidOrderFigures() { return paid; }
        public List<PaymentRecord> paymentsWithoutOrder() { return orphans; }
        public List<OrderNo> pendingExpiredBefore(Instant cutoff) { return stuck; }
        public List<String> idempotencyKeysUsedTwice() { return keys; }
        public List<UserId> addressBooksWithoutOneDefault() { return books; }
        public List<OrderNo> shippedBefore(Instant cutoff) { return shipped; }
        public List<EventTrail> eventTrails() { return trails; }
    }

    private static AuditReport audit(Figures figures) {
        return new InvariantAudit(figures, Duration.ofMinutes(1), Optional.of(Duration.ofDays(15)), new MutableClock(Instant.now())).run();
    }

    private static Figures healthy() {
        return new Figures(
                List.of(new AuditSource.StockFigures(new ProductId(1), 100, 60, 40)),
                List.of(new AuditSource.BalanceFigures(new UserId(1), 500, 500)),
                List.of(new AuditSource.PaidOrderFigures(ORDER, OrderStatus.PAID, PaymentMethod.WECHAT, Money.of(900, CNY), 1, 900, 0),
                        new AuditSource.PaidOrderFigures(new OrderNo("20261125080000000000002"), OrderStatus.SHIPPED,
                                PaymentMethod.BALANCE, Money.of(300, CNY), 0, 0, 300)),
                List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new EventTrail(ORDER, OrderStatus.PAID, List.of(EventType.ORDER_PLACED, EventType.ORDER_PAID)),
                        new EventTrail(new OrderNo("20261125080000000000002"), OrderStatus.COMPLETED, List.of(EventType.ORDER_PLACED,
                                EventType.ORDER_PAID, EventType.ORDER_SHIPPED, EventType.ORDER_COMPLETED))));
    }

    @Test
    void consistentFiguresPass() {
        assertThat(audit(healthy()).ok()).isTrue();
    }

    @Test
    void eachBrokenRuleIsReported() {
        Figures broken = new Figures(
                List.of(new AuditSource.StockFigures(new ProductId(1), 100, 61, 40),
                        new AuditSource.StockFigures(new ProductId(2), 0, -1, 1)),
                List.of(new AuditSource.BalanceFigures(new UserId(1), 500, 400)),
                List.of(new AuditSource.PaidOrderFigures(ORDER, OrderStatus.PAID, PaymentMethod.WECHAT, Money.of(900, CNY), 2, 1_800, 0),
                        new AuditSource.PaidOrderFigures(new OrderNo("20261125080000000000002"), OrderStatus.PAID,
                                PaymentMethod.BALANCE, Money.of(300, CNY), 0, 0, 600)),
                List.of(new PaymentRecord(PaymentChannel.ALIPAY, "ali-1", new OrderNo("20261125080000000000009"),
                        Money.of(1, CNY), Instant.now(), PaymentStatus.SUCCEEDED, "{}", Instant.now())),
                List.of(ORDER),
                List.of("1:key-1"),
                List.of(new UserId(7)),
                List.of(new OrderNo("20261125080000000000003")),
                List.of(new EventTrail(ORDER, OrderStatus.PAID, List.of(EventType.ORDER_PLACED)),
                        new EventTrail(new OrderNo("20261125080000000000004"), OrderStatus.PAID,
                                List.of(EventType.ORDER_PLACED, EventType.ORDER_CANCELLED, EventType.ORDER_PAID)),
                        new EventTrail(new OrderNo("20261125080000000000005"), OrderStatus.CANCELLED,
                                List.of(EventType.ORDER_PLACED, EventType.ORDER_CANCELLED, EventType.ORDER_CANCELLED))));

        assertThat(audit(broken).violations()).extracting(Violation::invariant).containsExactlyInAnyOrder(
                "stock-conserved", "stock-non-negative", "balance-journalled", "paid-once", "paid-once",
                "payment-has-order", "no-stuck-pending", "no-stuck-shipped", "one-order-per-key", "one-default-address",
                "one-event-per-change", "one-event-per-change", "one-event-per-change");
    }

    @Test
    void shippedOrdersAreNotJudgedWhenAutomaticCompletionIsOff() {
        Figures figures = new Figures(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new OrderNo("20261125080000000000003")), List.of());
        assertThat(new InvariantAudit(figures, Duration.ofMinutes(1), new MutableClock(Instant.now())).run().ok()).isTrue();
        assertThat(audit(figures).violations()).extracting(Violation::invariant).containsExactly("no-stuck-shipped");
    }

    @Test
    void refundsBeyondWhatWasPaidAndStuckRefundsAreReported() {
        Figures figures = new Figures(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(new AuditSource.RefundTotal(ORDER, 900, 901),
                new AuditSource.RefundTotal(new OrderNo("20261125080000000000002"), 900, 900)),
                List.of(ORDER.value() + "_r1"));
        assertThat(audit(figures).violations()).extracting(Violation::invariant)
                .containsExactlyInAnyOrder("refunds-within-paid", "no-stuck-refund");
    }

    @Test
    void partialRefundEventsLeaveTheTrailWhole() {
        Figures figures = new Figures(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new EventTrail(ORDER, OrderStatus.SHIPPED, List.of(EventType.ORDER_PLACED, EventType.ORDER_PAID,
                                EventType.ORDER_REFUNDED, EventType.ORDER_SHIPPED, EventType.ORDER_REFUNDED)),
                        new EventTrail(new OrderNo("20261125080000000000002"), OrderStatus.REFUNDED, List.of(EventType.ORDER_PLACED,
                                EventType.ORDER_PAID, EventType.ORDER_REFUNDED, EventType.ORDER_REFUNDED)),
                        new EventTrail(new OrderNo("20261125080000000000003"), OrderStatus.REFUNDED, List.of(EventType.ORDER_PLACED,
                                EventType.ORDER_PAID))));
        assertThat(audit(figures).violations()).extracting(Violation::subject)
                .containsExactly("20261125080000000000003");
    }
}
