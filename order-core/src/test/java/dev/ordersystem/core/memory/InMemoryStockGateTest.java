package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractStockGateTest;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.port.StockGate;

import java.time.Duration;
import java.time.Instant;

class InMemoryStockGateTest extends AbstractStockGateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));

    @Override
    protected StockGate newGate() {
        return new InMemoryStockGate(clock);
    }

    @Override
    protected void passTime(Duration duration) {
        clock.advance(duration);
    }

    @Override
    protected Duration shortTime() {
        return Duration.ofSeconds(5);
    }
}
