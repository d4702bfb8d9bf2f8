package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.payment.ProviderTrades;
import dev.ordersystem.core.usecase.payment.TradeEnd;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Before a pending order is cancelled (timeout, buyer, admin), its open provider trade is closed
 * (DESIGN §13), outside any transaction: a close refused because the trade is paid is followed by a
 * query and the payment applied, so an order the provider reports paid is never cancelled. With no
 * provider configured there is no open trade and nothing is asked.
 */
public final class OpenTrades {
    private final OrderRepository orders;
    private final PaymentAttempts attempts;
    private final Optional<ProviderTrades> trades;

    public OpenTrades(OrderRepository orders, PaymentAttempts attempts, Optional<ProviderTrades> trades) {
        this.orders = orders;
        this.attempts = attempts;
        this.trades = trades;
    }

    /** What closing found. */
    public enum Closing {
        /** The order had no open trade, or its cancel is not for now: nothing was asked. */
        NONE,
        /** Closed at the provider: the cancel may go ahead. */
        CLOSED,
        /** Paid at the provider: the payment is applied, the order is no longer pending. */
        PAID,
        /** The provider was not heard: the cancel goes ahead anyway, the trade is left to the sync. */
        UNSETTLED
    }

    /**
     * Closes the open trade of {@code orderNo} when the order is pending and {@code cancellable} holds.
     *
     * @throws IllegalStateException when the provider reports it paid but another delivery of its payment is
     *                               being applied right now: the cancel must wait (the caller retries)
     */
    public Closing closeBeforeCancel(OrderNo orderNo, Predicate<Order> cancellable) {
        if (trades.isEmpty()) return Closing.NONE;
        Optional<PaymentAttempt> open = attempts.findOpen(orderNo);
        if (open.isEmpty()) return Closing.NONE;
        Optional<Order> order = orders.find(orderNo);
        if (order.isEmpty() || order.get().status() != OrderStatus.PENDING_PAYMENT || !cancellable.test(order.get())) {
            return Closing.NONE;
        }
        return switch (trades.get().close(open.get())) {
            case TradeEnd.Closed closed -> Closing.CLOSED;
            case TradeEnd.Unsettled unsettled -> Closing.UNSETTLED;
            case TradeEnd.Paid paid when paid.outcome() == PaymentOutcome.BUSY ->
                    throw new IllegalStateException("order " + orderNo + ": its payment is being applied right now");
            // PAID or DUPLICATE: the order is paid. A wrong amount leaves it pending and a late payment found it
            // settled: the cancel goes ahead under the order's lock (a no-op for a settled order), the record waits for a person.
            case TradeEnd.Paid paid -> paid.outcome() == PaymentOutcome.PAID || paid.outcome() == PaymentOutcome.DUPLICATE
                    ? Closing.PAID : Closing.CLOSED;
        };
    }
}
