package dev.ordersystem.redis;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.contract.AbstractStockGateFlowTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** The core's stock-gate flows with the gate, guard and token cache on Redis. */
class RedisFastPathStockGateFlowIT extends AbstractStockGateFlowTest {
    private static final Duration LEASE = Duration.ofMillis(700);
    private LiveRedisFastPath live;

    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }

    /** A short lease, because Redis ends it by its own clock: the test has to wait it out. */
    @Override
    protected OrderSettings settings() {
        return super.settings().withGateLease(LEASE);
    }

    @Override
    protected void letTheGateLeasePass() {
        Sleep.of(LEASE.plusMillis(300));
    }

    @BeforeEach
    void useRedis() {
        live = new LiveRedisFastPath(storage, settings(), clock);
        fastPath = live.redis.fastPath();
        system = live.system;
    }

    @AfterEach
    void closeRedis() {
        live.close();
    }
}
