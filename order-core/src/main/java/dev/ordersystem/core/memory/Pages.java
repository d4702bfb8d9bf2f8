package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** Cuts one keyset page out of an already ordered and filtered stream. */
final class Pages {
    private Pages() {
    }

    static <T> Page<T> of(Stream<T> ordered, PageRequest request, Function<T, String> key) {
        List<T> window = ordered.limit(request.limit() + 1L).toList();
        if (window.size() <= request.limit()) return new Page<>(window, Optional.empty());
        List<T> items = window.subList(0, request.limit());
        return new Page<>(items, Optional.of(key.apply(items.getLast())));
    }

    static long numericKey(PageRequest request) {
        try {
            return request.after().map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException e) {
            throw ValidationFailed.of("cursor", FieldFault.BAD_CURSOR);
        }
    }
}
