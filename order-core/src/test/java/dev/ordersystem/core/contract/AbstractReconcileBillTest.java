package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.DifferenceAction;
import dev.ordersystem.core.domain.DifferenceKind;
import dev.ordersystem.core.domain.LocalRefund;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.domain.ReconciliationState;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.memory.InMemoryLocalRefunds;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.provider.BillFetch;
import dev.ordersystem.core.port.provider.BillPayment;
import dev.ordersystem.core.port.provider.BillRefund;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.ProviderBills;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeBill;
import dev.ordersystem.core.usecase.payment.PaymentProviderUnavailable;
import dev.ordersystem.core.usecase.payment.ReconcileBill;
import dev.ordersystem.core.usecase.payment.ReconciliationListener;
import dev.ordersystem.core.usecase.payment.ReconciliationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §14 reconciliation over a store: a provider's bill (scripted here; the HTTP module runs it
 * on the sandbox's real bill files) against the payment records, trades and refunds, with one
 * planted difference of every kind; run again, and run by two instances at once.
 */
public abstract class AbstractReconcileBillTest extends AbstractOrderSystemTest {
    private static final AtomicInteger DAYS = new AtomicInteger();

    protected Reconciliations reports;
    private final InMemoryLocalRefunds refunds = new InMemoryLocalRefunds();
    private final ScriptedBills bills = new ScriptedBills();
    private LocalDate day;

    /** The reports of {@code storage}, sharing its transactions. */
    protected abstract Reconciliations reconciliations(Storage storage);

    @BeforeEach
    void moveToAFreshDay() {
        // Every test reconciles a day of its own (noon, China time), so tests sharing a store never see each other's payments.
        day = LocalDate.ofInstant(clock.instant(), ReconcileBill.BILL_ZONE).plusDays(2L * DAYS.incrementAndGet());
        clock.advance(Duration.between(clock.instant(), day.atTime(12, 0).atZone(ReconcileBill.BILL_ZONE).toInstant()));
        reports = reconciliations(storage);
    }

    private ReconcileBill reconcile(String runner) {
        return new ReconcileBill(bills, reports, storage.payments(), storage.attempts(), refunds, system.applyPayment(),
                ReconciliationListener.none(), runner, Duration.ofMinutes(10), clock);
    }

    @Test
    void everyPlantedDifferenceIsFoundStoredAndTheLostPaymentsApplied() {
        ProductId tea = newProduct(1_999, 20);
        Buyer buyer = newBuyer(0);
        // A pending order whose paid notification was lost: applied, the order PAID, its trade ended.
        Order lostPending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        PaymentAttempt lostTrade = openTrade(lostPending);
        // A cancelled order whose payment was lost: the late-payment path.
        Order cancelled = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        system.cancelOrder().cancelByAdmin(cancelled.orderNo());
        // A payment recorded here the provider does not have.
        Order onlyHere = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        system.applyPayment().apply(PaymentNotifications.wechat(onlyHere.orderNo(), "wx-here-" + day, onlyHere.payAmount(), clock.instant()));
        // A payment recorded with another amount than the bill's.
        Order differs = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        system.applyPayment().apply(PaymentNotifications.wechat(differs.orderNo(), "wx-differs-" + day, differs.payAmount(), clock.instant()));
        // A payment on both sides, alike: no difference.
        Order alike = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        system.applyPayment().apply(PaymentNotifications.wechat(alike.orderNo(), "wx-alike-" + day, alike.payAmount(), clock.instant()));
        // Refunds: one at the provider only, one here only, one on both sides.
        refunds.put(new LocalRefund("RF-here-" + day, PaymentChannel.WECHAT, alike.orderNo(), cny(100),
                LocalRefund.LocalRefundState.SUCCEEDED, Optional.of(clock.instant())));
        refunds.put(new LocalRefund("RF-both-" + day, PaymentChannel.WECHAT, alike.orderNo(), cny(200),
                LocalRefund.LocalRefundState.SUCCEEDED, Optional.of(clock.instant())));
        Instant paidAt = clock.instant().minusSeconds(60);
        bills.serve(new TradeBill(PaymentChannel.WECHAT, day, List.of(
                new BillPayment("wx-lost-" + day, lostTrade.outTradeNo().value(), lostPending.payAmount(), paidAt),
                new BillPayment("wx-late-" + day, OutTradeNo.of(cancelled.orderNo(), 1).value(), cancelled.payAmount(), paidAt),
                new BillPayment("wx-differs-" + day, OutTradeNo.of(differs.orderNo(), 1).value(), cny(1), paidAt),
                new BillPayment("wx-alike-" + day, OutTradeNo.of(alike.orderNo(), 1).value(), alike.payAmount(), paidAt)),
                List.of(new BillRefund("wx-alike-" + day, OutTradeNo.of(alike.orderNo(), 1).value(), "RF-there-" + day, cny(300), paidAt, "SUCCESS"),
                        new BillRefund("wx-alike-" + day, OutTradeNo.of(alike.orderNo(), 1).value(), "RF-both-" + day, cny(200), paidAt, "SUCCESS"))));

        ReconciliationReport report = reconcile("node-a").reconcile(PaymentChannel.WECHAT, day);

        assertThat(report.reconciliation().state()).isEqualTo(ReconciliationState.DONE);
        assertThat(report.reconciliation().providerPayments()).isEqualTo(4);
        assertThat(report.reconciliation().providerRefunds()).isEqualTo(2);
        assertThat(report.differences()).extracting(ReconciliationDifference::kind, ReconciliationDifference::action).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(DifferenceKind.PAID_ONLY_AT_PROVIDER, DifferenceAction.APPLIED_PAID),
                org.assertj.core.groups.Tuple.tuple(DifferenceKind.PAID_ONLY_AT_PROVIDER, DifferenceAction.APPLIED_LATE_PAYMENT),
                org.assertj.core.groups.Tuple.tuple(DifferenceKind.AMOUNT_DIFFERS, DifferenceAction.FLAGGED),
                org.assertj.core.groups.Tuple.tuple(DifferenceKind.RECORDED_ONLY_HERE, DifferenceAction.FLAGGED),
                org.assertj.core.groups.Tuple.tuple(DifferenceKind.REFUND_ONLY_AT_PROVIDER, DifferenceAction.FLAGGED),
                org.assertj.core.groups.Tuple.tuple(DifferenceKind.REFUND_ONLY_HERE, DifferenceAction.FLAGGED));
        assertThat(report.differences()).filteredOn(d -> d.kind() == DifferenceKind.RECORDED_ONLY_HERE).singleElement()
                .satisfies(d -> assertThat(d.providerTradeNo()).contains("wx-here-" + day));
        assertThat(report.differences()).filteredOn(d -> d.kind() == DifferenceKind.AMOUNT_DIFFERS).singleElement()
                .satisfies(d -> {
                    assertThat(d.providerAmount()).contains(cny(1));
                    assertThat(d.localAmount()).contains(differs.payAmount());
                });
        assertThat(report.differences()).filteredOn(d -> d.kind() == DifferenceKind.REFUND_ONLY_AT_PROVIDER).singleElement()
                .satisfies(d -> assertThat(d.outRefundNo()).contains("RF-there-" + day));
        assertThat(storage.orders().find(lostPending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(storage.attempts().find(lostTrade.outTradeNo()).orElseThrow().state()).isEqualTo(AttemptState.PAID);
        assertThat(storage.orders().find(cancelled.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(storage.payments().find(PaymentChannel.WECHAT, "wx-late-" + day).orElseThrow().status())
                .isEqualTo(PaymentStatus.REFUND_REQUIRED);
        assertThat(reports.differences(report.reconciliation().id())).containsExactlyElementsOf(report.differences());
        assertInvariantsHold();

        // Run twice: the same report, nothing applied twice, the bill not even fetched again.
        int fetches = bills.fetches.get();
        ReconciliationReport again = reconcile("node-b").reconcile(PaymentChannel.WECHAT, day);
        assertThat(again).isEqualTo(report);
        assertThat(bills.fetches.get()).isEqualTo(fetches);
        assertThat(storage.payments().findByOrder(lostPending.orderNo())).hasSize(1);
        assertThat(storage.payments().findByOrder(cancelled.orderNo())).hasSize(1);
        assertInvariantsHold();
    }

    @Test
    void twoInstancesReconcilingTheSameDayAtOnceMakeOneReportAndApplyOnce() throws InterruptedException {
        ProductId tea = newProduct(1_999, 20);
        Buyer buyer = newBuyer(0);
        List<BillPayment> lost = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Order pending = place(buyer, PaymentMethod.ALIPAY, line(tea, 1));
            orders.add(pending);
            lost.add(new BillPayment("2026ali" + i + "-" + day, OutTradeNo.of(pending.orderNo(), 1).value(), pending.payAmount(),
                    clock.instant()));
        }
        bills.serve(new TradeBill(PaymentChannel.ALIPAY, day, lost, List.of()));
        List<Callable<ReconciliationReport>> runs = new ArrayList<>();
        for (String runner : List.of("node-a", "node-b", "node-c", "node-d")) {
            ReconcileBill instance = reconcile(runner);
            runs.add(() -> instance.reconcile(PaymentChannel.ALIPAY, day));
        }

        List<Race.Result<ReconciliationReport>> results = Race.run(4, runs, Duration.ofSeconds(60));

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        long id = reports.find(PaymentChannel.ALIPAY, day).orElseThrow().id();
        assertThat(results).allSatisfy(r -> assertThat(r.value().reconciliation().id()).isEqualTo(id));
        ReconciliationReport stored = reconcile("node-e").reconcile(PaymentChannel.ALIPAY, day);
        assertThat(stored.reconciliation().state()).isEqualTo(ReconciliationState.DONE);
        assertThat(stored.differences()).hasSize(5)
                .allSatisfy(d -> assertThat(d.action()).isEqualTo(DifferenceAction.APPLIED_PAID));
        for (Order order : orders) {
            assertThat(storage.orders().find(order.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
            assertThat(storage.payments().findByOrder(order.orderNo())).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED));
        }
        assertInvariantsHold();
    }

    @Test
    void aProviderThatCannotBeHeardLeavesNoTrace() {
        bills.fail(new ProviderFailure.Unreachable("connection refused"));

        assertThatThrownBy(() -> reconcile("node-a").reconcile(PaymentChannel.WECHAT, day))
                .isInstanceOf(PaymentProviderUnavailable.class);

        assertThat(reports.find(PaymentChannel.WECHAT, day)).isEmpty();
    }

    @Test
    void aChannelWithoutBillsOrADayAfterTodayIsRefusedBeforeAnything() {
        bills.serve(new TradeBill(PaymentChannel.WECHAT, day, List.of(), List.of()));
        int fetchesBefore = bills.fetches.get(); // a store's tests may share one instance of this class
        ReconcileBill wechatOnly = new ReconcileBill(new ProviderBills() {
            @Override
            public Set<PaymentChannel> channels() {
                return Set.of(PaymentChannel.WECHAT);
            }

            @Override
            public BillFetch tradeBill(PaymentChannel channel, LocalDate billDate) {
                return bills.tradeBill(channel, billDate);
            }
        }, reports, storage.payments(), storage.attempts(), refunds, system.applyPayment(), ReconciliationListener.none(),
                "node-a", Duration.ofMinutes(10), clock);

        assertThatThrownBy(() -> wechatOnly.reconcile(PaymentChannel.ALIPAY, day)).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("channel")));
        assertThatThrownBy(() -> wechatOnly.reconcile(PaymentChannel.WECHAT, day.plusDays(1))).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("date")));
        assertThat(bills.fetches.get()).isEqualTo(fetchesBefore);
        assertThat(reports.find(PaymentChannel.ALIPAY, day)).isEmpty();
        assertThat(reports.find(PaymentChannel.WECHAT, day.plusDays(1))).isEmpty();
    }

    private PaymentAttempt openTrade(Order order) {
        PaymentAttempt open = PaymentAttempt.starting(order.orderNo(), 1, PaymentScene.NATIVE, order.payAmount(), Optional.empty(),
                Optional.empty(), clock.instant()).opened(new PayLink.CodeUrl("weixin://wxpay/bizpayurl?pr=test"));
        storage.attempts().add(open);
        return open;
    }

    /** A provider's bills as a test sets them: one bill, or a failure; counts the fetches. */
    private static final class ScriptedBills implements ProviderBills {
        private final AtomicInteger fetches = new AtomicInteger();
        private volatile BillFetch answer;

        void serve(TradeBill bill) {
            answer = bill;
        }

        void fail(ProviderFailure failure) {
            answer = new BillFetch.Failed(failure);
        }

        @Override
        public Set<PaymentChannel> channels() {
            return Set.of(PaymentChannel.WECHAT, PaymentChannel.ALIPAY);
        }

        @Override
        public BillFetch tradeBill(PaymentChannel channel, LocalDate billDate) {
            fetches.incrementAndGet();
            return answer;
        }
    }
}
