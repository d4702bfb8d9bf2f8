package dev.ordersystem.http.json;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.FieldError;

import java.util.ArrayList;
import java.util.List;

/** Collects the required properties a request body lacks. */
public final class Presence {
    private final List<FieldError> missing = new ArrayList<>();

    /** Records {@code field} as missing when {@code value} is null; returns whether it is present. */
    public boolean require(Object value, String field) {
        if (value == null) missing.add(FieldError.of(field, FieldFault.REQUIRED));
        return value != null;
    }

    /** The required fields found missing so far. */
    List<FieldError> missing() {
        return List.copyOf(missing);
    }
}
