package dev.ordersystem.core.port.provider;

import java.util.Objects;

/** The provider opened the trade; {@code payment} is what the buyer's page needs to pay it. */
public record TradeOpened(PayLink payment) implements TradeCreation {
    public TradeOpened {
        Objects.requireNonNull(payment, "payment");
    }
}
