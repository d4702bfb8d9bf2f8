package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.UserId;

import java.time.Instant;
import java.util.Optional;

/**
 * Bearer tokens. Only a digest of each token is stored, so a leaked table grants nothing.
 * Joins the caller's transaction.
 */
public interface AccessTokens {

    void store(String tokenDigest, UserId userId, Instant expiresAt);

    /** The token's user and expiry, when the digest is stored, not revoked and not expired at {@code now}. */
    Optional<Grant> resolve(String tokenDigest, Instant now);

    void revoke(String tokenDigest);

    /** What a stored token grants: its user, until {@code expiresAt}. */
    record Grant(UserId userId, Instant expiresAt) {
    }
}
