package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractStockGateTest;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock gate as the app builds it on Redis ({@link RedisFastPath}): the memo of sold-out
 * answers per instance over the Redis gate. The whole contract, plus the memo across instances.
 */
class MemoRedisStockGateIT extends AbstractStockGateTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();
    private RedisSettings settings;

    @Override
    protected StockGate newGate() {
        settings = TestRedis.freshSettings();
        return instance();
    }

    private StockGate instance() {
        return kit.fastPath(settings).fastPath().gate();
    }

    @Override
    protected void passTime(Duration duration) {
        Sleep.of(duration);
    }

    @Override
    protected Duration shortTime() {
        return Duration.ofMillis(200);
    }

    @Test
    void unitsGivenBackOnAnotherInstanceAreSoldHereWithinTheMemoWindow() {
        StockGate there = instance();
        recountTo(product, 1);
        var first = nextOrder();
        assertThat(there.admit(first, units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.SoldOut.class);

        there.giveBack(first);
        Sleep.of(RedisFastPath.SOLD_OUT_MEMO.plusMillis(50));

        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isInstanceOf(Admission.Held.class);
        assertThat(gate.count(product)).hasValue(0);
    }

    @Test
    void countsChangedOnAnotherInstanceAreReadHereWithinTheCopyAgeAndThoseChangedHereAtOnce() {
        StockGate there = instance();
        recountTo(product, 5);
        assertThat(gate.count(product)).hasValue(5);
        assertThat(there.counts(List.of(product))).containsEntry(product, 5L);

        assertThat(there.admit(nextOrder(), units(product, 2), LEASE)).isInstanceOf(Admission.Held.class);
        assertThat(there.count(product)).as("changed there, read there").hasValue(3);
        // Here the copy read before the change may be answered until its maximum age.
        Sleep.of(RedisFastPath.GATE_COUNT_MAX_AGE.plusMillis(50));
        assertThat(gate.count(product)).hasValue(3);
        assertThat(gate.counts(List.of(product))).containsEntry(product, 3L);

        gate.restock(units(product, 4));
        assertThat(gate.count(product)).as("changed here, read here").hasValue(7);
    }
}
