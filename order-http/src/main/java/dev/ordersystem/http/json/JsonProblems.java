package dev.ordersystem.http.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ordersystem.core.domain.ValidationFailed;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** Names the field and the fault of a Jackson failure, without echoing Jackson's internals. */
final class JsonProblems {
    private JsonProblems() {
    }

    static ValidationFailed of(IOException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ValidationFailed.of(path(mapping), expectation(mapping));
        }
        if (e instanceof JacksonException jackson) {
            JsonLocation at = jackson.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return ValidationFailed.of("body", "is not valid JSON" + where);
        }
        return ValidationFailed.of("body", "could not be read");
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

    private static String expectation(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null && e instanceof InvalidFormatException format) target = format.getTargetType();
        if (target == null && e.getCause() instanceof InputCoercionException outOfRange) target = outOfRange.getTargetType();
        if (target == null) return "has the wrong type or is out of range";
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (target == Integer.class || target == int.class) return "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        if (target == Long.class || target == long.class || target == BigInteger.class) {
            return "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (target == BigDecimal.class) return "must be a number";
        if (target == Boolean.class || target == boolean.class) return "must be true or false";
        if (target == String.class) return "must be a string";
        if (target.isArray() || Collection.class.isAssignableFrom(target)) return "must be an array";
        return "must be an object";
    }
}
