package dev.ordersystem.core.domain;

/** Whether a webhook endpoint receives deliveries. */
public enum EndpointState {
    ENABLED,
    /** switched off by an admin */
    DISABLED,
    /** switched off by the system after failing for a day; flagged until an admin enables it again */
    DISABLED_FAILING;

    public boolean receives() {
        return this == ENABLED;
    }
}
