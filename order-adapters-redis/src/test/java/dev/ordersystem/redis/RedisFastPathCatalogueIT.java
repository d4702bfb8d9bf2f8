package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractCatalogueTest;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The core's use-case suite with guard, delay queue and product cache on Redis. */
class RedisFastPathCatalogueIT extends AbstractCatalogueTest {
    private LiveRedisFastPath live;

    @Override
    protected Storage storage() {
        return InMemoryStorage.create(CNY);
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
