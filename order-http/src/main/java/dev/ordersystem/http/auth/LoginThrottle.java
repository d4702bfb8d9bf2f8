package dev.ordersystem.http.auth;

import dev.ordersystem.http.HttpSettings;
import dev.ordersystem.http.problem.RateLimited;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Limits login attempts per username (against guessing one account's password) and per
 * client IP (against trying many accounts), counting every attempt, successful or not.
 */
public final class LoginThrottle {
    private final TokenBuckets perUsername;
    private final TokenBuckets perClient;

    public LoginThrottle(HttpSettings settings) {
        this.perUsername = new TokenBuckets(settings.loginPerUsername(), System::nanoTime);
        this.perClient = new TokenBuckets(settings.loginPerClient(), System::nanoTime);
    }

    /** @throws RateLimited when either budget is spent */
    public void attempt(String username, String clientIp) {
        OptionalLong client = perClient.take(clientIp);
        if (client.isPresent()) throw new RateLimited("too many login attempts from this client", client.getAsLong());
        // Names are case-insensitive, so "Alice" and "alice" share one budget.
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        OptionalLong user = perUsername.take(name.length() > 64 ? name.substring(0, 64) : name);
        if (user.isPresent()) throw new RateLimited("too many login attempts for this username", user.getAsLong());
    }
}
