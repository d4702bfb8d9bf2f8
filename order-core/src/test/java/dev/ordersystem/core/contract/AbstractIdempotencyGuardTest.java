package dev.ordersystem.core.contract;

import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link IdempotencyGuard} must do. Subclasses give a fresh guard and a way to let
 * time pass: a controllable clock in process, a real wait where the store's own clock rules.
 */
public abstract class AbstractIdempotencyGuardTest {

    /** A guard with nothing held (a fresh store, or a fresh key prefix). */
    protected abstract IdempotencyGuard newGuard();

    /** A ttl short enough to wait out in a test. */
    protected abstract Duration shortTtl();

    /** Lets {@code duration} pass for the guard (advance its clock, or sleep). */
    protected abstract void passTime(Duration duration);

    private IdempotencyGuard guard;
    private String key;

    @BeforeEach
    void setUp() {
        guard = newGuard();
        key = "submit:" + UUID.randomUUID();
    }

    @Test
    void secondHolderIsRefusedUntilTheFirstReleases() {
        Optional<Lease> first = guard.tryAcquire(key, Duration.ofMinutes(1));
        assertThat(first).isPresent();
        assertThat(first.get().key()).isEqualTo(key);
        assertThat(guard.tryAcquire(key, Duration.ofMinutes(1))).isEmpty();

        guard.release(first.get());

        assertThat(guard.tryAcquire(key, Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void keysAreIndependent() {
        assertThat(guard.tryAcquire(key + ":a", Duration.ofMinutes(1))).isPresent();
        assertThat(guard.tryAcquire(key + ":b", Duration.ofMinutes(1))).isPresent();
        assertThat(guard.tryAcquire(key + ":a", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void everyLeaseHasItsOwnToken() {
        Lease first = guard.tryAcquire(key, shortTtl()).orElseThrow();
        passTime(shortTtl().multipliedBy(2));
        Lease second = guard.tryAcquire(key, Duration.ofMinutes(1)).orElseThrow();

        assertThat(second.token()).isNotEqualTo(first.token());
    }

    @Test
    void aLeaseExpiresAfterItsTtl() {
        assertThat(guard.tryAcquire(key, shortTtl())).isPresent();
        assertThat(guard.tryAcquire(key, shortTtl())).isEmpty();

        passTime(shortTtl().multipliedBy(2));

        assertThat(guard.tryAcquire(key, Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void anExpiredHolderCannotReleaseTheNewHoldersLock() {
        Lease expired = guard.tryAcquire(key, shortTtl()).orElseThrow();
        passTime(shortTtl().multipliedBy(2));
        Lease current = guard.tryAcquire(key, Duration.ofMinutes(1)).orElseThrow();

        guard.release(expired);

        assertThat(guard.tryAcquire(key, Duration.ofMinutes(1))).as("the new holder keeps the key").isEmpty();
        guard.release(current);
        assertThat(guard.tryAcquire(key, Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void releasingTwiceOrReleasingAForeignLeaseChangesNothing() {
        Lease lease = guard.tryAcquire(key, Duration.ofMinutes(1)).orElseThrow();
        guard.release(lease);
        Lease next = guard.tryAcquire(key, Duration.ofMinutes(1)).orElseThrow();

        guard.release(lease);
        guard.release(new Lease(key, "forged-token"));
        guard.release(new Lease(key + ":never-taken", "whatever"));

        assertThat(guard.tryAcquire(key, Duration.ofMinutes(1))).isEmpty();
        guard.release(next);
    }

    @Test
    void oneHundredThreadsRacingForOneKeyGetExactlyOneLease() throws Exception {
        int threads = 100;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Optional<Lease>>> racers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            racers.add(() -> {
                start.await();
                return guard.tryAcquire(key, Duration.ofMinutes(1));
            });
        }
        List<Lease> winners = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Optional<Lease>>> results = racers.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Optional<Lease>> result : results) result.get().ifPresent(winners::add);
        }

        assertThat(winners).hasSize(1);
        assertThat(guard.tryAcquire(key, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void refusesABlankKeyAndANonPositiveTtl() {
        assertThatThrownBy(() -> guard.tryAcquire(" ", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> guard.tryAcquire(key, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> guard.tryAcquire(key, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
