package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractStockGateTest;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The memo over an in-process gate: the whole gate contract, plus what the memo adds. */
class SoldOutMemoTest extends AbstractStockGateTest {
    private static final Duration WINDOW = Duration.ofMillis(250);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));
    private final AtomicInteger admissionsReachingTheGate = new AtomicInteger();
    private InMemoryStockGate shared;

    @Override
    protected StockGate newGate() {
        shared = new InMemoryStockGate(clock);
        return memoOver(shared);
    }

    private StockGate memoOver(InMemoryStockGate inner) {
        return new SoldOutMemo(new CountingGate(inner, admissionsReachingTheGate), clock, WINDOW);
    }

    @Override
    protected void passTime(Duration duration) {
        clock.advance(duration);
    }

    @Override
    protected Duration shortTime() {
        return Duration.ofSeconds(5);
    }

    @Test
    void aSoldOutProductIsRefusedWithoutTheGateWhileTheRefusalIsFresh() {
        recountTo(product, 2);
        assertThat(gate.admit(nextOrder(), units(product, 3), LEASE)).isInstanceOf(Admission.SoldOut.class);
        int before = admissionsReachingTheGate.get();

        for (int i = 0; i < 100; i++) assertThat(gate.admit(nextOrder(), units(product, 3 + i % 5), LEASE)).isInstanceOf(Admission.SoldOut.class);
        assertThat(admissionsReachingTheGate.get()).as("no round trip for 3 or more units").isEqualTo(before);

        assertThat(gate.admit(nextOrder(), units(product, 2), LEASE)).as("fewer units still asked").isInstanceOf(Admission.Held.class);
        assertThat(admissionsReachingTheGate.get()).isEqualTo(before + 1);
        clock.advance(WINDOW);
        gate.admit(nextOrder(), units(product, 3), LEASE);
        assertThat(admissionsReachingTheGate.get()).as("asked again once the window passed").isEqualTo(before + 2);
    }

    @Test
    void unitsReturnedThroughThisProcessAreSoldAtOnce() {
        recountTo(product, 1);
        OrderNo first = nextOrder();
        assertThat(gate.admit(first, units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.SoldOut.class);
        gate.giveBack(first);
        OrderNo second = nextOrder();
        assertThat(gate.admit(second, units(product, 1), LEASE)).as("after a give-back").isInstanceOf(Admission.Held.class);
        gate.settle(second);

        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.SoldOut.class);
        gate.restock(units(product, 1));
        OrderNo third = nextOrder();
        assertThat(gate.admit(third, units(product, 1), LEASE)).as("after a restock").isInstanceOf(Admission.Held.class);
        gate.settle(third);

        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.SoldOut.class);
        recountTo(product, 1);
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).as("after a re-count").isInstanceOf(Admission.Held.class);
    }

    @Test
    void unitsReturnedThroughAnotherInstanceAreSoldWithinTheWindow() {
        StockGate here = gate;
        StockGate there = memoOver(shared);
        recountTo(product, 1);
        OrderNo first = nextOrder();
        assertThat(there.admit(first, units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
        assertThat(here.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.SoldOut.class);

        there.giveBack(first);
        assertThat(here.admit(nextOrder(), units(product, 1), LEASE)).as("still within the window").isInstanceOf(Admission.SoldOut.class);
        clock.advance(WINDOW);
        assertThat(here.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
    }

    @Test
    void aCartIsRefusedByTheMemoOnlyForTheProductThatWasShort() {
        ProductId plenty = new ProductId(product.value() + 7);
        recountTo(product, 0);
        recountTo(plenty, 10);
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.SoldOut.class);

        Admission both = gate.admit(nextOrder(), List.of(new StockLine(plenty, 1), new StockLine(product, 1)), LEASE);
        assertThat(both).isEqualTo(new Admission.SoldOut(product));
        assertThat(gate.admit(nextOrder(), units(plenty, 1), LEASE)).isInstanceOf(Admission.Held.class);
        assertThat(shared.count(plenty)).hasValue(9);
    }

    /** Passes every call on, counting admissions. */
    private static final class CountingGate extends ForwardingStockGate {
        private final AtomicInteger admissions;

        CountingGate(InMemoryStockGate inner, AtomicInteger admissions) {
            super(inner);
            this.admissions = admissions;
        }

        @Override
        public Admission admit(OrderNo holder, List<StockLine> lines, Duration lease) {
            admissions.incrementAndGet();
            return gate.admit(holder, lines, lease);
        }
    }
}
