package dev.ordersystem.core.usecase.user;

import dev.ordersystem.core.domain.Credentials;
import dev.ordersystem.core.domain.NotAuthenticated;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AccessTokens;
import dev.ordersystem.core.port.TokenCache;
import dev.ordersystem.core.port.UserAccounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * DESIGN §4.9: log in, resolve a bearer token, log out. Tokens are 256 random bits; only their
 * SHA-256 digest is stored, so the token table grants nothing if it leaks.
 */
public final class Sessions {
    private static final int TOKEN_BYTES = 32;

    /**
     * How long a resolved token is trusted without the database. Log-out forgets it at once; this
     * bounds only how long a log-out lags when the cache could not be told (Redis down).
     */
    static final Duration CACHED_FOR = Duration.ofMinutes(5);

    private final UserAccounts users;
    private final AccessTokens tokens;
    private final TokenCache cache;
    private final Passwords passwords;
    private final Duration tokenTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String decoyHash;

    public Sessions(UserAccounts users, AccessTokens tokens, TokenCache cache, Passwords passwords, Duration tokenTtl,
                    Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.cache = cache;
        this.passwords = passwords;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
        this.decoyHash = passwords.decoy();
    }

    /** @throws NotAuthenticated for an unknown user or a wrong password (one message for both) */
    public Session logIn(String username, String password) {
        Optional<Credentials> credentials = username == null ? Optional.empty() : users.credentials(username);
        // Hash even for unknown names, so response time does not tell which names exist.
        boolean matches = passwords.matches(password == null ? "" : password,
                credentials.map(Credentials::passwordHash).orElse(decoyHash));
        if (credentials.isEmpty() || !matches) throw new NotAuthenticated("invalid username or password");
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(tokenTtl);
        UserId userId = credentials.get().userId();
        String digest = digest(token);
        tokens.store(digest, userId, expiresAt);
        cache.remember(digest, userId, cacheTime(tokenTtl)); // a buyer usually sends the token right away
        return new Session(userId, token, expiresAt);
    }

    /** @throws NotAuthenticated for a missing, unknown, expired or revoked token */
    public UserId authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) throw new NotAuthenticated("missing or malformed token");
        String digest = digest(token);
        Optional<UserId> cached = cache.find(digest);
        if (cached.isPresent()) return cached.get();
        Instant now = clock.instant();
        AccessTokens.Grant grant = tokens.resolve(digest, now)
                .orElseThrow(() -> new NotAuthenticated("invalid or expired token"));
        cache.remember(digest, grant.userId(), cacheTime(Duration.between(now, grant.expiresAt())));
        return grant.userId();
    }

    private static Duration cacheTime(Duration left) {
        return left.compareTo(CACHED_FOR) < 0 ? left : CACHED_FOR;
    }

    public void logOut(String token) {
        if (token == null || token.isEmpty()) return;
        String digest = digest(token);
        tokens.revoke(digest);
        cache.forget(digest);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
