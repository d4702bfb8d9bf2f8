package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.Page;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Keyset paging: page keys in and out. Adapters fetch {@code limit + 1} rows to know if more follow. */
final class KeysetPages {

    private KeysetPages() {
    }

    /** A numeric key (ids); 0 when absent, so {@code id > key} starts at the beginning. */
    static long longKey(Optional<String> after) {
        if (after.isEmpty()) return 0;
        try {
            long key = Long.parseLong(after.get());
            if (key < 0) throw ValidationFailed.of("cursor", FieldFault.BAD_CURSOR);
            return key;
        } catch (NumberFormatException e) {
            throw ValidationFailed.of("cursor", FieldFault.BAD_CURSOR);
        }
    }

    /** An order-number key, checked for its shape. */
    static Optional<String> orderNoKey(Optional<String> after) {
        after.ifPresent(key -> {
            if (!OrderNo.isWellFormed(key)) throw ValidationFailed.of("cursor", FieldFault.BAD_CURSOR);
        });
        return after;
    }

    static <T> Page<T> page(List<T> rows, int limit, Function<T, String> key) {
        if (rows.size() <= limit) return new Page<>(rows, Optional.empty());
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, Optional.of(key.apply(items.getLast())));
    }
}
