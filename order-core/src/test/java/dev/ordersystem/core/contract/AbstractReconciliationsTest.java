package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.DifferenceAction;
import dev.ordersystem.core.domain.DifferenceKind;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.domain.ReconciliationState;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Reconciliations} port (DESIGN §14): one report per channel and day, claimed by one runner of many. */
public abstract class AbstractReconciliationsTest extends StorageFixtures {
    private static final AtomicInteger DAYS = new AtomicInteger();

    protected Reconciliations reports;

    /** The reports of {@code storage}, sharing its transactions. */
    protected abstract Reconciliations reconciliations(Storage storage);

    @BeforeEach
    void openReports() {
        reports = reconciliations(storage);
    }

    private static LocalDate newDay() {
        return LocalDate.of(2001, 1, 1).plusDays(DAYS.incrementAndGet());
    }

    private static ReconciliationDifference lost(String outTradeNo) {
        return new ReconciliationDifference(DifferenceKind.PAID_ONLY_AT_PROVIDER, Optional.of(outTradeNo), Optional.of("4200" + outTradeNo),
                Optional.empty(), Optional.of(cny(1_999)), Optional.empty(), DifferenceAction.APPLIED_PAID, "已支付 lost notification");
    }

    @Test
    void aDayIsClaimedOnceCompletedWithItsDifferencesAndThenHeld() {
        LocalDate day = newDay();
        Reconciliations.Claim first = reports.claim(PaymentChannel.WECHAT, day, "node-a", now, now.minusSeconds(600));

        assertThat(first).isInstanceOf(Reconciliations.Claimed.class);
        Reconciliation running = ((Reconciliations.Claimed) first).reconciliation();
        assertThat(running.state()).isEqualTo(ReconciliationState.RUNNING);
        assertThat(running.runner()).isEqualTo("node-a");
        assertThat(reports.claim(PaymentChannel.WECHAT, day, "node-b", now, now.minusSeconds(600)))
                .isEqualTo(new Reconciliations.Held(running));
        assertThat(reports.claim(PaymentChannel.ALIPAY, day, "node-b", now, now.minusSeconds(600)))
                .as("another channel's day is another report").isInstanceOf(Reconciliations.Claimed.class);

        ReconciliationDifference refundOnlyThere = new ReconciliationDifference(DifferenceKind.REFUND_ONLY_AT_PROVIDER,
                Optional.of("20260101_1"), Optional.empty(), Optional.of("RF-20260101-1"), Optional.of(cny(500)), Optional.empty(),
                DifferenceAction.FLAGGED, "refund at the provider only");
        ReconciliationDifference amount = new ReconciliationDifference(DifferenceKind.AMOUNT_DIFFERS, Optional.of("20260101_2"),
                Optional.of("4200002"), Optional.empty(), Optional.of(cny(1)), Optional.of(cny(1_999)), DifferenceAction.FLAGGED, "differs");
        List<ReconciliationDifference> found = List.of(lost("20260101_3"), refundOnlyThere, amount);
        Reconciliation done = reports.complete(running.id(), "node-a", now.plusSeconds(5), 7, 2, found);

        assertThat(done.state()).isEqualTo(ReconciliationState.DONE);
        assertThat(done.finishedAt()).contains(now.plusSeconds(5));
        assertThat(done.providerPayments()).isEqualTo(7);
        assertThat(done.providerRefunds()).isEqualTo(2);
        assertThat(done.differences()).isEqualTo(3);
        assertThat(reports.find(running.id())).contains(done);
        assertThat(reports.find(PaymentChannel.WECHAT, day)).contains(done);
        assertThat(reports.differences(running.id())).containsExactlyElementsOf(found);
        assertThat(reports.claim(PaymentChannel.WECHAT, day, "node-b", now.plusSeconds(3_600), now.plusSeconds(3_000)))
                .as("a DONE day is never claimed again, however old").isEqualTo(new Reconciliations.Held(done));
        assertThatThrownBy(() -> reports.complete(running.id(), "node-a", now, 0, 0, List.of())).isInstanceOf(NotFound.class);
        assertThat(reports.differences(running.id())).hasSize(3);
    }

    @Test
    void aStaleClaimIsTakenOverAndItsFormerRunnerCannotComplete() {
        LocalDate day = newDay();
        Reconciliation abandoned = ((Reconciliations.Claimed) reports.claim(PaymentChannel.ALIPAY, day, "node-a", now,
                now.minusSeconds(600))).reconciliation();

        Reconciliations.Claim fresh = reports.claim(PaymentChannel.ALIPAY, day, "node-b", now.plusSeconds(60), now.minusSeconds(240));
        assertThat(fresh).as("not stale yet").isInstanceOf(Reconciliations.Held.class);
        Reconciliations.Claim stale = reports.claim(PaymentChannel.ALIPAY, day, "node-b", now.plusSeconds(900), now.plusSeconds(600));
        assertThat(stale).isInstanceOf(Reconciliations.Claimed.class);
        Reconciliation taken = ((Reconciliations.Claimed) stale).reconciliation();
        assertThat(taken.id()).isEqualTo(abandoned.id());
        assertThat(taken.runner()).isEqualTo("node-b");

        assertThatThrownBy(() -> reports.complete(abandoned.id(), "node-a", now.plusSeconds(901), 1, 0, List.of(lost("20260102_1"))))
                .isInstanceOf(NotFound.class);
        assertThat(reports.complete(taken.id(), "node-b", now.plusSeconds(902), 0, 0, List.of()).differences()).isZero();
        assertThat(reports.differences(taken.id())).isEmpty();
    }

    @Test
    void ofManyRunnersClaimingTheSameDayAtOnceExactlyOneGetsIt() throws InterruptedException {
        LocalDate day = newDay();
        List<Callable<Reconciliations.Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String runner = "node-" + i;
            claims.add(() -> reports.claim(PaymentChannel.WECHAT, day, runner, now, now.minusSeconds(600)));
        }

        List<Race.Result<Reconciliations.Claim>> results = Race.run(8, claims, Duration.ofSeconds(60));

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(results).filteredOn(r -> r.value() instanceof Reconciliations.Claimed).hasSize(1);
        long id = reports.find(PaymentChannel.WECHAT, day).orElseThrow().id();
        assertThat(results).allSatisfy(r -> assertThat(switch (r.value()) {
            case Reconciliations.Claimed c -> c.reconciliation().id();
            case Reconciliations.Held h -> h.reconciliation().id();
        }).isEqualTo(id));
    }

    @Test
    void listsNewestFirstInPages() {
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(((Reconciliations.Claimed) reports.claim(PaymentChannel.WECHAT, newDay(), "node-a", now, now)).reconciliation().id());
        }

        Page<Reconciliation> first = reports.list(PageRequest.first(2));
        assertThat(first.items()).extracting(Reconciliation::id).containsExactly(mine.get(2), mine.get(1));
        assertThat(first.next()).isPresent();
        Page<Reconciliation> second = reports.list(new PageRequest(first.next(), 1));
        assertThat(second.items()).extracting(Reconciliation::id).containsExactly(mine.get(0));
    }

    @Test
    void readsTheChannelsPaymentsOfAWindowByTheirPaymentTime() {
        Instant from = Instant.parse("2041-03-01T16:00:00Z").plus(Duration.ofDays(DAYS.incrementAndGet()));
        Instant to = from.plus(Duration.ofDays(1));
        PaymentRecord atStart = payment(PaymentChannel.WECHAT, from, PaymentStatus.SUCCEEDED);
        PaymentRecord inside = payment(PaymentChannel.WECHAT, from.plusSeconds(3_600), PaymentStatus.REFUND_REQUIRED);
        payment(PaymentChannel.WECHAT, to, PaymentStatus.SUCCEEDED);
        payment(PaymentChannel.WECHAT, from.minusMillis(1), PaymentStatus.SUCCEEDED);
        payment(PaymentChannel.ALIPAY, from.plusSeconds(60), PaymentStatus.SUCCEEDED);

        assertThat(reports.paidBetween(PaymentChannel.WECHAT, from, to)).containsExactlyInAnyOrder(atStart, inside);
    }

    private PaymentRecord payment(PaymentChannel channel, Instant paidAt, PaymentStatus status) {
        PaymentRecord record = new PaymentRecord(channel, unique("trade"), newOrderNo(), cny(1_234), paidAt, status, "{}", now);
        storage.payments().add(record);
        return record;
    }
}
