package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a list of event type names ({@code order.paid}, …) of a request body. */
final class EventTypeNames {
    private static final String TYPES = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));

    private EventTypeNames() {
    }

    /** Empty when {@code names} is absent. @throws ValidationFailed naming each unknown {@code events[i]} */
    static Optional<Set<EventType>> parse(List<String> names) {
        if (names == null) return Optional.empty();
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        List<FieldError> faults = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<EventType> type = Optional.ofNullable(names.get(i)).flatMap(EventType::fromWireName);
            if (type.isPresent()) types.add(type.get());
            else faults.add(FieldError.of("events[" + i + "]", FieldFault.ONE_OF, TYPES));
        }
        if (!faults.isEmpty()) throw new ValidationFailed(faults);
        return Optional.of(types);
    }
}
