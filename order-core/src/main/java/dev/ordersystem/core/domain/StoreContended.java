package dev.ordersystem.core.domain;

/**
 * The database refused the transaction for conflicting writes through every retry (deadlocks on
 * one server; on a Galera cluster, certification failures against other nodes' commits), or a
 * read outside a transaction waited too long for a lock: nothing was written, and the caller is
 * told to try again (50300) rather than shown a failure.
 */
public final class StoreContended extends OrderSystemException {
    public StoreContended(String message, Throwable cause) {
        super(ErrorCode.DEPENDENCY_DOWN, message, cause);
    }
}
