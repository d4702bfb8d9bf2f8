package dev.ordersystem.core.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One invalid input field, named as the client sent it (e.g. {@code items[2].quantity}), with the
 * {@link FieldFault} that says why and the values its message names (as text, e.g. {@code "999"}).
 */
public record FieldError(String field, FieldFault fault, List<String> args) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(fault, "fault");
        args = List.copyOf(args);
    }

    public static FieldError of(String field, FieldFault fault, Object... args) {
        return new FieldError(field, fault, Arrays.stream(args).map(String::valueOf).toList());
    }
}
