package dev.ordersystem.core.port;

import java.util.List;
import java.util.Optional;

/** One page of a list; {@code next} is the key to ask for the following page, empty on the last. */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
    }
}
