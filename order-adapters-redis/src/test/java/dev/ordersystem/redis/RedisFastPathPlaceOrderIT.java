package dev.ordersystem.redis;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.contract.AbstractPlaceOrderTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** The core's place-order suite with the duplicate-submission guard on Redis. */
class RedisFastPathPlaceOrderIT extends AbstractPlaceOrderTest {
    private static final Duration WINDOW = Duration.ofMillis(500);
    private LiveRedisFastPath live;

    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
    }

    /** A short window, because Redis expires the guard key by its own clock: the test has to wait it out. */
    @Override
    protected OrderSettings settings() {
        return super.settings().withDuplicateWindow(WINDOW);
    }

    @Override
    protected void letTheDuplicateWindowPass() {
        Sleep.of(WINDOW.plusMillis(200));
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
