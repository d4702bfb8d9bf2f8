package dev.ordersystem.core.domain;

import java.util.Optional;

/**
 * The one rule for a client's {@code Idempotency-Key}, on placing and on paying an order: 1 to 64
 * visible ASCII characters (no spaces or control characters), so a key fits its column and logs
 * show it as sent.
 */
public final class IdempotencyKeyFormat {
    /** The field a malformed key is reported under: the header's name. */
    public static final String FIELD = "Idempotency-Key";
    public static final int MAX_LENGTH = 64;

    private IdempotencyKeyFormat() {
    }

    /** The error to report for {@code key}, or empty when it is well formed. */
    public static Optional<FieldError> check(String key) {
        boolean wellFormed = !key.isEmpty() && key.length() <= MAX_LENGTH && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return wellFormed ? Optional.empty() : Optional.of(FieldError.of(FIELD, FieldFault.VISIBLE_ASCII, MAX_LENGTH));
    }
}
