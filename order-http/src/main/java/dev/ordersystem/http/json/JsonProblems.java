package dev.ordersystem.http.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Names the field and the fault of a Jackson failure, without echoing Jackson's internals. */
final class JsonProblems {
    private JsonProblems() {
    }

    static ValidationFailed of(IOException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new ValidationFailed(List.of(expectation(path(mapping), mapping)));
        }
        if (e instanceof JacksonException jackson) {
            JsonLocation at = jackson.getLocation();
            return at == null ? ValidationFailed.of("body", FieldFault.INVALID_JSON)
                    : ValidationFailed.of("body", FieldFault.INVALID_JSON_AT, at.getLineNr(), at.getColumnNr());
        }
        return ValidationFailed.of("body", FieldFault.UNREADABLE);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static FieldError expectation(String field, JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null && e instanceof InvalidFormatException format) target = format.getTargetType();
        if (target == null && e.getCause() instanceof InputCoercionException outOfRange) target = outOfRange.getTargetType();
        if (target == null) return FieldError.of(field, FieldFault.WRONG_TYPE);
        if (target.isEnum()) {
            return FieldError.of(field, FieldFault.ONE_OF, Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ")));
        }
        if (target == Integer.class || target == int.class) return FieldError.of(field, FieldFault.INTEGER_BETWEEN, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (target == Long.class || target == long.class || target == BigInteger.class) {
            return FieldError.of(field, FieldFault.INTEGER_BETWEEN, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (target == BigDecimal.class) return FieldError.of(field, FieldFault.NUMBER);
        if (target == Boolean.class || target == boolean.class) return FieldError.of(field, FieldFault.BOOLEAN);
        if (target == String.class) return FieldError.of(field, FieldFault.STRING);
        if (target.isArray() || Collection.class.isAssignableFrom(target)) return FieldError.of(field, FieldFault.ARRAY);
        return FieldError.of(field, FieldFault.OBJECT);
    }
}
