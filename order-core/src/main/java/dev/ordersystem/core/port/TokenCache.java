package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.UserId;

import java.time.Duration;
import java.util.Optional;

/**
 * Bearer tokens already resolved from the database, by digest, so that most requests
 * authenticate without it. A fast path only: a cache that is down answers empty, and a revoked
 * token stays usable at most for the time it was remembered.
 */
public interface TokenCache {

    Optional<UserId> find(String tokenDigest);

    /** Remembers the token's user for {@code ttl} ({@code SET key user PX ttl}). */
    void remember(String tokenDigest, UserId userId, Duration ttl);

    /** Forgets the token (log out). */
    void forget(String tokenDigest);
}
