package dev.ordersystem.http.payment;

import dev.ordersystem.core.usecase.payment.VerifiedPayment;

/** What a verified notification asks for: apply a payment, or only acknowledge (not a payment). */
public sealed interface Verdict {
    /** The provider reports money received: hand it to the core. */
    record Pay(VerifiedPayment payment) implements Verdict {
    }

    /** Authentic, but no money moved (e.g. {@code WAIT_BUYER_PAY}, {@code TRADE_CLOSED}): acknowledge only. */
    record Acknowledge(String status) implements Verdict {
    }
}
