package dev.ordersystem.http.auth;

import dev.ordersystem.core.domain.NotAuthenticated;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.usecase.user.Sessions;
import dev.ordersystem.http.problem.Forbidden;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who is calling: a user (bearer token resolved by the core's sessions) or the admin (the
 * configured secret, compared in constant time over SHA-256 digests so neither content nor
 * length leaks through timing).
 */
public final class Callers {
    private static final String PREFIX = "Bearer ";

    private final Sessions sessions;
    private final byte[] adminDigest;

    public Callers(Sessions sessions, String adminToken) {
        this.sessions = sessions;
        this.adminDigest = sha256(adminToken);
    }

    /** @throws NotAuthenticated without a valid user token */
    public UserId user(Context ctx) {
        return sessions.authenticate(bearer(ctx).orElseThrow(() -> new NotAuthenticated("missing bearer token")));
    }

    /**
     * @throws NotAuthenticated without a token, or with one that is neither the admin's nor a user's
     * @throws Forbidden        with a valid user token
     */
    public void requireAdmin(Context ctx) {
        String token = bearer(ctx).orElseThrow(() -> new NotAuthenticated("missing bearer token"));
        if (MessageDigest.isEqual(adminDigest, sha256(token))) return;
        sessions.authenticate(token); // a forged or expired token stays 401
        throw new Forbidden("admin routes need the admin token");
    }

    /** The raw bearer token, if the header has one. */
    public Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) return Optional.empty();
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
