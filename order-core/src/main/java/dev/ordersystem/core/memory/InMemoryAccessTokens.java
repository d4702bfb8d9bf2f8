package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AccessTokens;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Token digests with their user and expiry; revoking removes the digest. */
final class InMemoryAccessTokens implements AccessTokens {
    private final InMemoryStore store;
    private final Map<String, Grant> grants = new HashMap<>();

    InMemoryAccessTokens(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void store(String tokenDigest, UserId userId, Instant expiresAt) {
        store.put(grants, tokenDigest, new Grant(userId, expiresAt));
    }

    @Override
    public Optional<Grant> resolve(String tokenDigest, Instant now) {
        return store.read(() -> Optional.ofNullable(grants.get(tokenDigest))
                .filter(grant -> grant.expiresAt().isAfter(now)));
    }

    @Override
    public void revoke(String tokenDigest) {
        store.remove(grants, tokenDigest);
    }
}
