package dev.ordersystem.core.port;

import java.time.Duration;
import java.util.Objects;

/** What {@link AttemptBudgets#spend} answered: the attempt may go ahead, or must wait. */
public sealed interface AttemptVerdict {

    /** One attempt was taken from the budget. */
    record Granted() implements AttemptVerdict {
    }

    /** The budget is spent; the next attempt is available after {@code retryAfter} (positive). */
    record Refused(Duration retryAfter) implements AttemptVerdict {
        public Refused {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative() || retryAfter.isZero()) throw new IllegalArgumentException("retryAfter must be positive");
        }

        /** The wait in whole seconds, rounded up, at least 1: for a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds();
            return Math.max(1, retryAfter.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
        }
    }

    static AttemptVerdict granted() {
        return new Granted();
    }
}
