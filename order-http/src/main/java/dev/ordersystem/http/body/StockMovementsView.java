package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.StockMovement;

import java.util.List;

/** {@code GET /admin/products/{id}/stock/movements}: the product's recorded stock changes, newest first. */
public record StockMovementsView(long productId, List<Entry> items) {

    /** One movement: units added (negative: removed), why, when. */
    public record Entry(long delta, String reason, String at) {
    }

    public static StockMovementsView of(long productId, List<StockMovement> movements) {
        return new StockMovementsView(productId, movements.stream()
                .map(m -> new Entry(m.delta(), m.reason(), JsonTimes.iso(m.at()))).toList());
    }
}
