package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.ValidationFailed;
import org.jooq.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks text against the column it goes into, before the write, with the column's length as
 * the migrations declare it (the generated jOOQ field carries it). Some MySQL modes would cut
 * long text silently; here it is refused, naming the field.
 */
final class FieldLimits {
    private final List<FieldError> errors = new ArrayList<>();

    static FieldLimits check() {
        return new FieldLimits();
    }

    FieldLimits fits(Field<String> column, String value, String field) {
        int max = column.getDataType().length();
        if (value != null && max > 0 && value.length() > max) {
            errors.add(FieldError.of(field, FieldFault.AT_MOST_CHARACTERS, max));
        }
        return this;
    }

    void orThrow() {
        if (!errors.isEmpty()) throw new ValidationFailed(errors);
    }
}
