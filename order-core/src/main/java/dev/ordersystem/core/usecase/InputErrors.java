package dev.ordersystem.core.usecase;

import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every invalid field of one request before anything is written, so the client
 * learns about all of them at once (40005).
 */
public final class InputErrors {
    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code fault} (with {@code args}) for {@code field} unless {@code valid}; returns {@code valid}. */
    public boolean require(boolean valid, String field, FieldFault fault, Object... args) {
        if (!valid) errors.add(FieldError.of(field, fault, args));
        return valid;
    }

    public boolean requireText(String value, String field, int maxLength) {
        return require(value != null && !value.isBlank() && value.length() <= maxLength, field,
                FieldFault.LENGTH_BETWEEN, 1, maxLength);
    }

    public boolean requireRange(long value, String field, long min, long max) {
        return require(value >= min && value <= max, field, FieldFault.RANGE, min, max);
    }

    /** Adds faults found elsewhere (e.g. while reading the request) to this request's list. */
    public void addAll(List<FieldError> found) {
        errors.addAll(found);
    }

    /** @throws ValidationFailed when any field was refused */
    public void throwIfAny() {
        if (!errors.isEmpty()) throw new ValidationFailed(errors);
    }
}
