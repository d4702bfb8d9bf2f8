package dev.ordersystem.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A statement whose SQL depends on a count (the values of an IN list, the rows of a multi-row
 * INSERT): one {@link RenderedSql} per count, rendered on first use. Counts up to
 * {@value #KEPT} are kept; larger ones are rendered for each call, so memory stays bounded.
 */
final class RenderedSqlPerCount {
    private static final int KEPT = 64;

    private final IntFunction<RenderedSql> render;
    private final AtomicReferenceArray<RenderedSql> byCount = new AtomicReferenceArray<>(KEPT + 1);

    RenderedSqlPerCount(IntFunction<RenderedSql> render) {
        this.render = render;
    }

    /** {@code items} in consecutive runs of at most {@value #KEPT}: one statement each, every count kept rendered. */
    static <T> List<List<T>> inKeptCounts(List<T> items) {
        List<List<T>> runs = new ArrayList<>((items.size() + KEPT - 1) / KEPT);
        for (int from = 0; from < items.size(); from += KEPT) runs.add(items.subList(from, Math.min(items.size(), from + KEPT)));
        return runs;
    }

    RenderedSql forCount(int count) {
        if (count < 1) throw new IllegalArgumentException("count must be positive: " + count);
        if (count > KEPT) return render.apply(count);
        RenderedSql sql = byCount.get(count);
        if (sql == null) {
            sql = render.apply(count); // two threads may both render it: same SQL, either one is kept
            byCount.set(count, sql);
        }
        return sql;
    }
}
