package dev.ordersystem.core.port;

/**
 * Budgets of attempts per key, for the limits on logging in and registering (per client address,
 * per username). With Redis every instance spends from one budget per key; in-process each
 * instance keeps its own. A budget that cannot be reached is never a reason to refuse: the adapter
 * falls back to counting on this instance.
 */
public interface AttemptBudgets {

    /**
     * Takes one attempt from {@code key}'s budget under {@code limit} (a budget per
     * {@code limit.name()} and key), or refuses with the time until the next one.
     */
    AttemptVerdict spend(AttemptLimit limit, String key);
}
