package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * The orders placed in one minute: how many, how many of them are paid now (PAID, SHIPPED,
 * COMPLETED: the money kept) and what those paid.
 *
 * @param minute the minute's start (UTC, seconds zero)
 */
public record MinuteTally(Instant minute, long placed, long paid, Money paidAmount) {
    public MinuteTally {
        Objects.requireNonNull(minute, "minute");
        Objects.requireNonNull(paidAmount, "paidAmount");
    }
}
