package dev.ordersystem.http.body;

import dev.ordersystem.core.usecase.order.OrderHistory;

import java.util.List;

/** {@code GET /admin/orders/{orderNo}/timeline}: what happened to the order, oldest first. */
public record TimelineView(String orderNo, List<Entry> entries) {

    /** One event; {@code amount} (minor units of {@code currency}) and {@code currency} only when money moved. */
    public record Entry(String at, String event, Long amount, String currency, String detail) {
    }

    public static TimelineView of(String orderNo, List<OrderHistory.Entry> entries) {
        return new TimelineView(orderNo, entries.stream().map(e -> new Entry(JsonTimes.iso(e.at()), e.event().name(),
                e.amount() == null ? null : e.amount().minor(),
                e.amount() == null ? null : e.amount().currency().getCurrencyCode(), e.detail())).toList());
    }
}
