package dev.ordersystem.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The machine-readable members a page needs to act on a refusal, each present only where it
 * applies: 40002 {@code productId} and {@code available}; 40003 {@code productId}; 40001
 * {@code needed} and {@code balance} (minor units, like every amount of the API); 42900
 * {@code retryAfterSeconds}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemFacts(Long productId, Long available, Long needed, Long balance, Long retryAfterSeconds) {
    public static final ProblemFacts NONE = new ProblemFacts(null, null, null, null, null);

    static ProblemFacts stock(long productId, Long available) {
        return new ProblemFacts(productId, available, null, null, null);
    }

    static ProblemFacts balance(long needed, long balance) {
        return new ProblemFacts(null, null, needed, balance, null);
    }

    static ProblemFacts retryAfter(long seconds) {
        return new ProblemFacts(null, null, null, null, seconds);
    }
}
