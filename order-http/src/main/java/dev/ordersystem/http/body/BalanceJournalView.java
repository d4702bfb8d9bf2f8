package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.BalanceEntry;

import java.util.List;

/** {@code GET /admin/users/{id}/balance/journal}: every change of the balance, newest first. */
public record BalanceJournalView(long userId, List<Entry> items) {

    /** One change: {@code delta} in minor units of {@code currency}, why, and its reference (order number or top-up). */
    public record Entry(long delta, String currency, String reason, String reference, String at) {
    }

    public static BalanceJournalView of(long userId, List<BalanceEntry> entries) {
        return new BalanceJournalView(userId, entries.stream().map(e -> new Entry(e.delta().minor(),
                e.delta().currency().getCurrencyCode(), e.reason().name(), e.reference(), JsonTimes.iso(e.at()))).toList());
    }
}
