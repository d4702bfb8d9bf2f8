package dev.ordersystem.core.port;

import java.util.Optional;

/**
 * Asks for one page of a keyset-paged list: items after {@code after} (exclusive), at most
 * {@code limit} of them. {@code after} is the sort key of the last item of the previous page.
 */
public record PageRequest(Optional<String> after, int limit) {
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }
}
