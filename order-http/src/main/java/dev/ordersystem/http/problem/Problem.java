package dev.ordersystem.http.problem;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * The body of every error answer (RFC 9457 {@code application/problem+json}, DESIGN §10):
 * a stable numeric {@code code}, a {@code title} and {@code detail} for people in the caller's
 * language, the fields at fault, the request id to quote to support, and the {@link ProblemFacts}
 * a page acts on (unwrapped: they are members of the problem itself).
 */
public record Problem(String type, String title, int status, String detail, int code, List<InvalidField> errors,
                      String requestId, @JsonUnwrapped ProblemFacts facts) {
    public Problem {
        errors = List.copyOf(errors);
    }
}
