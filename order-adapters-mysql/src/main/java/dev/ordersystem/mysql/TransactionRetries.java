package dev.ordersystem.mysql;

/**
 * Transactions run again since start, by what refused them, and those given up after the last
 * attempt (answered 50300). On a Galera cluster {@code conflicts} are mostly certification
 * failures: another node committed a conflicting write first (the node reports them as deadlocks).
 */
public record TransactionRetries(long conflicts, long lockWaits, long givenUp) {
}
