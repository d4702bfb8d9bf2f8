package dev.ordersystem.mysql;

/** A snapshot of the connection pool, for metrics: connections in use, idle, and callers waiting for one. */
public record PoolUsage(int active, int idle, int waiting, int size) {
}
