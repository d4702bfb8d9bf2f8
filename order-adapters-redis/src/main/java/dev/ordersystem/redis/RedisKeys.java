package dev.ordersystem.redis;

import dev.ordersystem.core.domain.ProductId;

/**
 * Every key this system writes, under one prefix. Keys that one script touches together share a
 * hash tag ({@code {...}}), so they land in one slot and the scripts keep working on Redis Cluster.
 */
final class RedisKeys {
    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** A guard key: {@code <prefix>:guard:<key>} (one key per script, no tag needed). */
    String guard(String key) {
        return prefix + ":guard:" + key;
    }

    /** Waiting expiry jobs: a sorted set scored by due time (epoch ms). */
    String delayDue() {
        return "{" + prefix + ":delay}:due";
    }

    /** Claimed expiry jobs: a sorted set scored by lease end (epoch ms). */
    String delayLeased() {
        return "{" + prefix + ":delay}:leased";
    }

    /** Claims so far per job: a hash order number → attempt. */
    String delayAttempts() {
        return "{" + prefix + ":delay}:attempts";
    }

    /** A cached product detail (JSON, or {@code null} for a missing id). */
    String product(ProductId id) {
        return prefix + ":product:{" + id.value() + "}";
    }

    /** Held by the one caller that loads {@code id} from the database. */
    String productLoading(ProductId id) {
        return prefix + ":product:{" + id.value() + "}:loading";
    }

    /** One attempt budget (logins per client address, ...): its theoretical arrival time. */
    String attempts(String limit, String key) {
        return prefix + ":attempts:" + limit + ":" + key;
    }

    /** A resolved bearer token: its digest → user id, with the remembered time to live. */
    String token(String digest) {
        return prefix + ":token:" + digest;
    }

    /**
     * One key of the stock gate, {@code {<prefix>:gate}:<part>}: every gate script touches several
     * of them at once, so they share one hash tag (and one Cluster slot).
     */
    String gate(String part) {
        return "{" + prefix + ":gate}:" + part;
    }
}
