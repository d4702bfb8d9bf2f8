package dev.ordersystem.core.domain;

import java.util.List;
import java.util.stream.Collectors;

/** The input was refused before anything was written (40005); {@link #errors()} names each field. */
public final class ValidationFailed extends OrderSystemException {
    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super(ErrorCode.VALIDATION_FAILED, "validation failed: " + errors.stream()
                .map(e -> e.field() + " " + e.fault() + e.args()).collect(Collectors.joining(", ")));
        this.errors = List.copyOf(errors);
    }

    public static ValidationFailed of(String field, FieldFault fault, Object... args) {
        return new ValidationFailed(List.of(FieldError.of(field, fault, args)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
