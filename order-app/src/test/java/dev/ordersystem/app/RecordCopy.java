package dev.ordersystem.app;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** A copy of a record with one component changed by name, so a test does not repeat every other component in order. */
final class RecordCopy {
    private RecordCopy() {
    }

    static <R extends Record> R with(R record, String component, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        if (Arrays.stream(components).noneMatch(c -> c.getName().equals(component))) {
            throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component " + component);
        }
        try {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(record);
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            @SuppressWarnings("unchecked")
            R copy = (R) record.getClass().getDeclaredConstructor(types).newInstance(values);
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }
}
