package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /admin/sandbox/payments/{orderNo}}: the channel, and an amount in minor units (default: the order's). */
public record SandboxPaymentRequest(PaymentChannel channel, Long amount) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(channel, "channel");
    }
}
