package dev.ordersystem.http.sandbox;

/**
 * How the sandbox provider misbehaves, for tests of lost answers and provider failures; set
 * with {@code PUT /sandbox/control}. {@link #NONE} is a healthy provider. An outage is of the
 * merchant's API (WeChat Pay's, Alipay's gateway, the bills): the buyer's cashier still takes
 * payments and their notifications still go out, so a trade the shop could not close meanwhile
 * can be paid — a late payment.
 */
public enum SandboxOutage {
    /** Answers as the real provider does. */
    NONE,
    /** Holds every API call without answering (until the outage is lifted, at most 30 s): the client's timeout fires. */
    TIMEOUT,
    /** Answers every API call with HTTP 500 and no signature. */
    SERVER_ERROR,
    /** Answers as usual, but signed with a key that is not the provider's. */
    BAD_SIGNATURE,
    /** Drops every API call's connection without an answer, as a provider that was killed mid-call. */
    DROP,
    /**
     * Refund calls only: the provider makes the refund, then holds its answer (until the outage is
     * lifted, at most 30 s) and drops the connection: a timeout whose request did reach the provider.
     */
    ANSWER_LOST
}
