package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /orders/{orderNo}/pay}: only {@code BALANCE}; the channels pay through their notifications. */
public record PayRequest(PaymentMethod method) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(method, "method");
    }
}
