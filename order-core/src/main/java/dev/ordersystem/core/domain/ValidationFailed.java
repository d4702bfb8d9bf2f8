package dev.ordersystem.core.domain;

import java.util.List;

/** The input was refused before anything was written (40005); {@link #errors()} names each field. */
public final class ValidationFailed extends OrderSystemException {
    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super(ErrorCode.VALIDATION_FAILED, "validation failed: " + errors);
        this.errors = List.copyOf(errors);
    }

    public static ValidationFailed of(String field, String message) {
        return new ValidationFailed(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
