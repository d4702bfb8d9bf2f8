package dev.ordersystem.redis;

/**
 * Redis did not answer (refused, timed out, or refused the command). The adapters turn it into
 * their documented fallback; only the delay scheduler lets it reach its caller.
 */
public final class RedisUnavailable extends RuntimeException {
    public RedisUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public RedisUnavailable(String message) {
        super(message);
    }
}
