package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractStockGateTest;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisStockGateIT extends AbstractStockGateTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final List<String> PARTS = List.of("count", "inflight", "restocks", "freeze", "holds", "leases");

    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();
    private RedisSettings settings;
    private RedisConnection first;

    @Override
    protected StockGate newGate() {
        settings = TestRedis.freshSettings();
        return instance();
    }

    /** Another app instance on the same gate: its own connection pool, the same key prefix. */
    private RedisStockGate instance() {
        RedisConnection connection = kit.connection(settings);
        if (first == null) first = connection;
        return new RedisStockGate(connection, kit.failOpen);
    }

    @Override
    protected void passTime(Duration duration) {
        Sleep.of(duration); // leases and freezes run on Redis's clock
    }

    @Override
    protected Duration shortTime() {
        return Duration.ofMillis(200);
    }

    @Test
    void twoInstancesShareOneGate() {
        RedisStockGate second = instance();
        recountTo(product, 3);
        OrderNo order = nextOrder();

        assertThat(second.admit(order, units(product, 2), LEASE)).isEqualTo(new Admission.Held(List.of()));
        assertThat(gate.count(product)).hasValue(1);
        assertThat(gate.admit(nextOrder(), units(product, 2), LEASE)).isEqualTo(new Admission.SoldOut(product));
        gate.giveBack(order);

        assertThat(second.count(product)).hasValue(3);
        assertThat(second.holdsInFlight(product)).isZero();
    }

    @Test
    void theGateKeysShareOneHashTagAndSlot() {
        recountTo(product, 5);
        gate.admit(nextOrder(), units(product, 1), LEASE);
        gate.restock(units(product, 1));
        gate.beginRecount(product, LEASE).orElseThrow();
        RedisConnection redis = first;
        String tag = "{" + settings.keyPrefix() + ":gate}";

        for (String part : PARTS) {
            assertThat(redis.<Boolean>call("exists", r -> r.exists(tag + ":" + part))).as(part).isTrue();
        }
        assertThat(PARTS.stream().map(part -> JedisClusterCRC16.getSlot(tag + ":" + part)).distinct()).hasSize(1);
    }

    @Test
    void theLeaseEndsByRedisClock() {
        OrderNo order = nextOrder();
        gate.admit(order, units(product, 1), LEASE);
        RedisConnection redis = first;

        Double leaseEnd = redis.call("zscore", r -> r.zscore("{" + settings.keyPrefix() + ":gate}:leases", order.value()));
        List<?> time = redis.call("time", r -> (List<?>) r.eval("return redis.call('TIME')"));
        long redisNow = Long.parseLong(time.get(0).toString()) * 1000 + Long.parseLong(time.get(1).toString()) / 1000;

        assertThat(leaseEnd.longValue() - redisNow).isBetween(LEASE.toMillis() - 5_000, LEASE.toMillis());
    }

    @Test
    void productIdsBeyondTheDoublesPrecisionStayExact() {
        ProductId big = new ProductId(Long.MAX_VALUE - 1);
        recountTo(big, 3);
        OrderNo order = nextOrder();

        assertThat(gate.admit(order, units(big, 2), LEASE)).isEqualTo(new Admission.Held(List.of()));
        gate.giveBack(order);

        assertThat(gate.countedProducts()).contains(big);
        assertThat(gate.count(big)).hasValue(3);
        assertThat(gate.holdsInFlight(big)).isZero();
    }

    @Test
    void linesOfOneProductAreCheckedTogether() {
        recountTo(product, 5);

        assertThat(gate.admit(nextOrder(), List.of(new StockLine(product, 3), new StockLine(product, 3)), LEASE))
                .isEqualTo(new Admission.SoldOut(product));
        OrderNo order = nextOrder();
        assertThat(gate.admit(order, List.of(new StockLine(product, 2), new StockLine(product, 3)), LEASE))
                .isEqualTo(new Admission.Held(List.of()));
        assertThat(gate.count(product)).hasValue(0);
        gate.giveBack(order);

        assertThat(gate.count(product)).hasValue(5);
        assertThat(gate.holdsInFlight(product)).isZero();
    }

    @Test
    void anOrderCannotHoldTwice() {
        recountTo(product, 5);
        OrderNo order = nextOrder();
        gate.admit(order, units(product, 2), LEASE);

        assertThatThrownBy(() -> gate.admit(order, units(product, 1), LEASE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(order.value());
        assertThat(gate.count(product)).hasValue(3);
        assertThat(gate.holdsInFlight(product)).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        recountTo(product, 5);
        var recount = gate.beginRecount(product, LEASE).orElseThrow();

        assertThatThrownBy(() -> gate.admit(nextOrder(), units(product, 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
        assertThatThrownBy(() -> gate.beginRecount(other(), Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("freeze");
        assertThatThrownBy(() -> gate.finishRecount(recount, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("available");
        assertThatThrownBy(() -> gate.expiredHolds(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");

        assertThat(gate.finishRecount(recount, 4)).as("the freeze outlived the refusals").isTrue();
        assertThat(gate.count(product)).hasValue(4);
        assertThat(gate.holdsInFlight(product)).isZero();
        assertThat(gate.expiredHolds(10)).isEmpty();
    }

    @Test
    void anotherRecountsFreezeIsNotLiftedByAStaleToken() {
        recountTo(product, 5);
        var stale = gate.beginRecount(product, shortTime()).orElseThrow();
        passTime(shortTime().multipliedBy(2));
        var current = gate.beginRecount(product, LEASE).orElseThrow();

        gate.abandonRecount(stale);
        assertThat(gate.finishRecount(stale, 100)).isFalse();

        assertThat(gate.admit(nextOrder(), units(product, 1), LEASE)).isEqualTo(new Admission.Recounting(product));
        assertThat(gate.finishRecount(current, 9)).isTrue();
        assertThat(gate.count(product)).hasValue(9);
    }

    private ProductId other() {
        return new ProductId(product.value() + 1);
    }
}
