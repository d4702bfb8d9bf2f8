package dev.ordersystem.http.auth;

import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;
import dev.ordersystem.http.HttpSettings;
import dev.ordersystem.http.problem.RateLimited;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;

/**
 * Limits login attempts per username (against guessing one account's password) and per client
 * address (against trying many accounts), counting every attempt, successful or not; and
 * registrations per client address (each one hashes a password: cheap to ask, dear to answer).
 * The budgets are the fast path's (shared through Redis when there is one); refusals are counted
 * in {@code auth_attempts_refused_total} per limit.
 */
public final class AuthThrottle {
    private final AttemptBudgets budgets;
    private final HttpSettings settings;
    private final Map<String, Counter> refused;

    public AuthThrottle(AttemptBudgets budgets, HttpSettings settings, MeterRegistry registry) {
        this.budgets = budgets;
        this.settings = settings;
        this.refused = Map.of(
                settings.loginPerClient().name(), refusals(registry, settings.loginPerClient()),
                settings.loginPerUsername().name(), refusals(registry, settings.loginPerUsername()),
                settings.registerPerClient().name(), refusals(registry, settings.registerPerClient()));
    }

    /** @throws RateLimited when the client's or the username's login budget is spent */
    public void logIn(String username, String client) {
        spend(settings.loginPerClient(), client, "too many login attempts from this client");
        // Names are case-insensitive, so "Alice" and "alice" share one budget.
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        spend(settings.loginPerUsername(), name.length() > 64 ? name.substring(0, 64) : name,
                "too many login attempts for this username");
    }

    /** @throws RateLimited when the client's registration budget is spent */
    public void register(String client) {
        spend(settings.registerPerClient(), client, "too many registrations from this client");
    }

    private void spend(AttemptLimit limit, String key, String message) {
        if (budgets.spend(limit, key) instanceof AttemptVerdict.Refused refusal) {
            refused.get(limit.name()).increment();
            throw new RateLimited(message, refusal.retryAfterSeconds());
        }
    }

    private static Counter refusals(MeterRegistry registry, AttemptLimit limit) {
        return Counter.builder("auth_attempts_refused_total").description("login and registration attempts answered 429, per limit")
                .tag("limit", limit.name()).register(registry);
    }
}
