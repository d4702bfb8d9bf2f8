package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import dev.ordersystem.core.port.StockGate.Recount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * What every {@link StockGate} must do. Subclasses give a fresh gate and a way to let time pass
 * for it (a controllable clock in process, a real wait where the store's clock rules).
 */
public abstract class AbstractStockGateTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final AtomicLong ORDER_NUMBERS = new AtomicLong(20261125_000000L);

    /** A gate that counts nothing yet. */
    protected abstract StockGate newGate();

    /** Lets {@code duration} pass for the gate. */
    protected abstract void passTime(Duration duration);

    /** A lease or freeze short enough to wait out in a test. */
    protected abstract Duration shortTime();

    protected StockGate gate;
    protected ProductId product;
    private ProductId other;

    @BeforeEach
    void setUpGate() {
        gate = newGate();
        long base = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        product = new ProductId(base);
        other = new ProductId(base + 1);
    }

    protected static OrderNo nextOrder() {
        return new OrderNo(Long.toString(ORDER_NUMBERS.incrementAndGet()));
    }

    protected static List<StockLine> units(ProductId product, int quantity) {
        return List.of(new StockLine(product, quantity));
    }

    /** Re-counts {@code product} to {@code available} with nothing in flight. */
    protected void recountTo(ProductId product, long available) {
        Recount recount = gate.beginRecount(product, LEASE).orElseThrow();
        assertThat(gate.finishRecount(recount, available)).isTrue();
    }

    @Test
    void anUncountedProductIsHeldWithoutCountingAndNeverSoldOut() {
        OrderNo order = nextOrder();
        assertThat(gate.admit(order, units(product, 999), LEASE)).isEqualTo(new Admission.Held(List.of(product)));
        assertThat(gate.holdsInFlight(product)).isEqualTo(1);
        assertThat(gate.count(product)).isEmpty();
        assertThat(gate.countedProducts()).doesNotContain(product);

        gate.giveBack(order);

        assertThat(gate.holdsInFlight(product)).isZero();
        assertThat(gate.count(product)).isEmpty();
    }

    @Test
    void aRecountSetsTheCountAndAdmissionsTakeFromIt() {
        recountTo(product, 10);
        assertThat(gate.countedProducts()).contains(product);

        assertThat(gate.admit(nextOrder(), units(product, 3), LEASE)).isEqualTo(new Admission.Held(List.of()));
        assertThat(gate.admit(nextOrder(), units(product, 8), LEASE)).isEqualTo(new Admission.SoldOut(product));
        assertThat(gate.admit(nextOrder(), units(product, 7), LEASE)).isEqualTo(new Admission.Held(List.of()));
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isEqualTo(new Admission.SoldOut(product));
        assertThat(gate.count(product)).hasValue(0);
        assertThat(gate.holdsInFlight(product)).isEqualTo(2);
    }

    @Test
    void settlingKeepsTheUnitsTakenAndGivingBackReturnsThemOnce() {
        recountTo(product, 5);
        OrderNo kept = nextOrder();
        OrderNo returned = nextOrder();
        gate.admit(kept, units(product, 2), LEASE);
        gate.admit(returned, units(product, 3), LEASE);

        gate.settle(kept);
        gate.giveBack(returned);
        gate.giveBack(returned);
        gate.settle(nextOrder());

        assertThat(gate.count(product)).hasValue(3);
        assertThat(gate.holdsInFlight(product)).isZero();
    }

    @Test
    void aGroupOfHoldsIsSettledInOneCall() {
        recountTo(product, 5);
        OrderNo first = nextOrder();
        OrderNo second = nextOrder();
        gate.admit(first, units(product, 1), LEASE);
        gate.admit(second, units(product, 2), LEASE);

        gate.settleAll(List.of(first, second, nextOrder()));
        gate.settleAll(List.of());
        gate.giveBack(first);

        assertThat(gate.count(product)).hasValue(2);
        assertThat(gate.holdsInFlight(product)).isZero();
    }

    @Test
    void allLinesOrNone() {
        recountTo(product, 5);
        recountTo(other, 1);

        assertThat(gate.admit(nextOrder(), List.of(new StockLine(product, 2), new StockLine(other, 2)), LEASE))
                .isEqualTo(new Admission.SoldOut(other));

        assertThat(gate.count(product)).hasValue(5);
        assertThat(gate.count(other)).hasValue(1);
        assertThat(gate.holdsInFlight(product)).isZero();
    }

    @Test
    void aProductBeingRecountedAnswersRecountingUntilTheRecountEnds() {
        recountTo(product, 5);
        Recount recount = gate.beginRecount(product, LEASE).orElseThrow();

        assertThat(gate.beginRecount(product, LEASE)).isEmpty();
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isEqualTo(new Admission.Recounting(product));
        assertThat(gate.admit(nextOrder(), units(other, 1), LEASE)).isInstanceOf(Admission.Held.class);

        gate.abandonRecount(recount);

        assertThat(gate.count(product)).hasValue(5);
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
    }

    @Test
    void aRecountDoesNotApplyWhileAHoldIsInFlight() {
        recountTo(product, 5);
        OrderNo inFlight = nextOrder();
        gate.admit(inFlight, units(product, 2), LEASE);
        Recount recount = gate.beginRecount(product, LEASE).orElseThrow();

        assertThat(gate.holdsInFlight(product)).isEqualTo(1);
        assertThat(gate.finishRecount(recount, 100)).isFalse();

        assertThat(gate.count(product)).hasValue(3);
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
    }

    @Test
    void aRecountDoesNotApplyAfterARestockSinceItBegan() {
        recountTo(product, 5);
        Recount recount = gate.beginRecount(product, LEASE).orElseThrow();

        gate.restock(units(product, 2));

        assertThat(gate.finishRecount(recount, 100)).isFalse();
        assertThat(gate.count(product)).hasValue(7);
    }

    @Test
    void aRecountDoesNotApplyAfterItsFreezeEnded() {
        recountTo(product, 5);
        Recount recount = gate.beginRecount(product, shortTime()).orElseThrow();

        passTime(shortTime().multipliedBy(2));

        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
        assertThat(gate.finishRecount(recount, 100)).isFalse();
        assertThat(gate.count(product)).hasValue(4);
    }

    @Test
    void restockAddsToCountedProductsOnly() {
        recountTo(product, 1);

        gate.restock(List.of(new StockLine(product, 4), new StockLine(other, 4)));

        assertThat(gate.count(product)).hasValue(5);
        assertThat(gate.count(other)).isEmpty();
    }

    @Test
    void countsAnswersTheCountedProductsInOneCallAndFollowsEveryChange() {
        ProductId third = new ProductId(other.value() + 1);
        assertThat(gate.counts(List.of(product, other))).as("nothing counted yet").isEmpty();
        recountTo(product, 10);
        recountTo(third, 0);

        assertThat(gate.counts(List.of(product, other, third))).containsOnly(entry(product, 10L), entry(third, 0L));
        OrderNo held = nextOrder();
        gate.admit(held, units(product, 3), LEASE);
        assertThat(gate.counts(List.of(product))).as("held units are taken").containsOnly(entry(product, 7L));
        gate.giveBack(held);
        assertThat(gate.counts(List.of(product))).as("given back").containsOnly(entry(product, 10L));
        gate.restock(units(product, 5));
        assertThat(gate.counts(List.of(product, third))).containsOnly(entry(product, 15L), entry(third, 0L));
        assertThat(gate.counts(List.of())).isEmpty();
    }

    @Test
    void holdsWhoseLeaseEndedAreListedOldestFirst() {
        OrderNo first = nextOrder();
        OrderNo second = nextOrder();
        OrderNo lasting = nextOrder();
        gate.admit(first, units(product, 1), shortTime());
        passTime(Duration.ofMillis(20));
        gate.admit(second, units(other, 1), shortTime());
        gate.admit(lasting, units(product, 1), LEASE);

        passTime(shortTime().multipliedBy(2));

        assertThat(gate.expiredHolds(10)).containsExactly(first, second);
        assertThat(gate.expiredHolds(1)).containsExactly(first);
        gate.settle(first);
        assertThat(gate.expiredHolds(10)).containsExactly(second);
    }

    @Test
    void concurrentBuyersNeverTakeMoreThanTheCount() throws Exception {
        recountTo(product, 50);
        List<Callable<Admission>> buyers = IntStream.range(0, 200)
                .<Callable<Admission>>mapToObj(i -> () -> gate.admit(nextOrder(), units(product, 1), LEASE)).toList();
        List<Admission> answers = Race.run(32, buyers, Duration.ofSeconds(30)).stream()
                .map(Race.Result::value).toList();

        assertThat(answers).filteredOn(a -> a instanceof Admission.Held).hasSize(50);
        assertThat(answers).filteredOn(a -> a instanceof Admission.SoldOut).hasSize(150);
        assertThat(gate.count(product)).hasValue(0);
        assertThat(gate.holdsInFlight(product)).isEqualTo(50);
    }
}
