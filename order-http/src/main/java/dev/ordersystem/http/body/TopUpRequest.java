package dev.ordersystem.http.body;

import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /admin/users/{id}/balance}: amount in minor units. */
public record TopUpRequest(Long amount, String reason) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(amount, "amount");
        presence.require(reason, "reason");
    }

    /** The amount; 0 when left out (refused already), which the top-up rules refuse too. */
    public long amountOrZero() {
        return amount == null ? 0 : amount;
    }
}
