package dev.ordersystem.core.port;

/**
 * Where one provider-side trade of an order stands, as this system knows it (DESIGN §13). An order
 * has at most one attempt that {@link #isOpen()} at any time: it is never payable through two trades.
 */
public enum AttemptState {
    /** Recorded before the provider is asked to create the trade; the call is under way (or its instance died). */
    STARTING,
    /** The provider opened the trade and the buyer holds its pay link. */
    OPEN,
    /** The provider reported the trade paid (a query, or a notification that paid the order). */
    PAID,
    /** Closed at the provider (or it has no such trade): nobody can pay it. */
    CLOSED,
    /** The provider refused or could not be heard when creating it: no buyer ever got a pay link. */
    FAILED;

    /** Whether this attempt holds the order's one open slot. */
    public boolean isOpen() {
        return this == STARTING || this == OPEN;
    }
}
