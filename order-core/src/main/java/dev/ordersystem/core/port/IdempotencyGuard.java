package dev.ordersystem.core.port;

import java.time.Duration;
import java.util.Optional;

/**
 * Short-lived exclusive keys: the duplicate-submission guard and the per-order payment
 * notification lock. A fast path only: the database constraints stay the real guarantee, so an
 * implementation whose store is down grants the lease (and says so in logs and metrics).
 */
public interface IdempotencyGuard {

    /** Takes {@code key} for {@code ttl} ({@code SET key token NX PX ttl}); empty when someone holds it. */
    Optional<Lease> tryAcquire(String key, Duration ttl);

    /** Gives the key back, only if {@code lease} still holds it (never another holder's). */
    void release(Lease lease);

    /** A held key; {@code token} tells this holder from a later one. */
    record Lease(String key, String token) {
    }
}
