package dev.ordersystem.redis;

/** What a readiness probe learns from one {@code PING}. */
public enum RedisStatus {
    REACHABLE,
    UNREACHABLE
}
