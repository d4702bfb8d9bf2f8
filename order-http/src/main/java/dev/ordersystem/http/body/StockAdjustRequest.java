package dev.ordersystem.http.body;

import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /admin/products/{id}/stock}: a signed change, never below zero. */
public record StockAdjustRequest(Long delta, String reason) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(delta, "delta");
        presence.require(reason, "reason");
    }

    /** The change; 0 when left out (refused already), which the stock rules refuse too. */
    public long change() {
        return delta == null ? 0 : delta;
    }
}
