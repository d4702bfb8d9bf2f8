package dev.ordersystem.core.domain;

/** Where one reconciliation of a channel's day stands. */
public enum ReconciliationState {
    /** An instance has claimed it and is comparing; another instance leaves it alone until the claim goes stale. */
    RUNNING,
    /** Compared; the differences are stored. Running it again answers this same report. */
    DONE
}
