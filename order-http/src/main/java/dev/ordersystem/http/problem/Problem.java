package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.FieldError;

import java.util.List;

/**
 * The body of every error answer (RFC 9457 {@code application/problem+json}, DESIGN §10):
 * a stable numeric {@code code}, the fields at fault, and the request id to quote to support.
 */
public record Problem(String type, String title, int status, String detail, int code, List<FieldError> errors,
                      String requestId) {
    public Problem {
        errors = List.copyOf(errors);
    }
}
