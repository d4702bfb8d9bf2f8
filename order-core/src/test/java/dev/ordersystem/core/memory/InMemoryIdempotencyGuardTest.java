package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.contract.AbstractIdempotencyGuardTest;
import dev.ordersystem.core.port.IdempotencyGuard;

import java.time.Duration;
import java.time.Instant;

class InMemoryIdempotencyGuardTest extends AbstractIdempotencyGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));

    @Override
    protected IdempotencyGuard newGuard() {
        return new InMemoryIdempotencyGuard(clock);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofSeconds(5);
    }

    @Override
    protected void passTime(Duration duration) {
        clock.advance(duration);
    }
}
