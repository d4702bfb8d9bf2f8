package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;

import java.time.Clock;
import java.util.List;

/**
 * DESIGN §13, learn the outcome: the frontend's poll after showing the QR code or the pay page.
 * While the order waits for payment and its trade is open, the provider is asked, at most once
 * every {@link PaymentSettings#pollQuiet()} per order across all instances (a lease in the guard
 * that nobody releases); a paid answer is applied like a notification. Notifications get lost, so
 * this is how a buyer who paid sees it.
 */
public final class PollPayment {
    private final OrderRepository orders;
    private final PaymentAttempts attempts;
    private final ProviderTrades trades;
    private final IdempotencyGuard guard;
    private final PaymentSettings settings;
    private final Clock clock;

    public PollPayment(OrderRepository orders, PaymentAttempts attempts, ProviderTrades trades, IdempotencyGuard guard,
                       PaymentSettings settings, Clock clock) {
        this.orders = orders;
        this.attempts = attempts;
        this.trades = trades;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
    }

    /** @throws NotFound when the order is not the buyer's or no payment of it was started */
    public PaymentProgress poll(UserId userId, OrderNo orderNo) {
        Order order = orders.find(orderNo).filter(o -> o.belongsTo(userId)).orElseThrow(() -> new NotFound("order " + orderNo));
        PaymentAttempt latest = latest(orderNo);
        if (order.status() == OrderStatus.PENDING_PAYMENT && latest.state() == AttemptState.OPEN && quietLongEnough(latest)
                && guard.tryAcquire("pay-query:" + orderNo.value(), settings.pollQuiet()).isPresent()) {
            trades.ask(latest);
            order = orders.find(orderNo).orElseThrow();
            latest = latest(orderNo);
        }
        return new PaymentProgress(order, latest);
    }

    private boolean quietLongEnough(PaymentAttempt attempt) {
        return attempt.checkedAt().map(at -> !at.plus(settings.pollQuiet()).isAfter(clock.instant())).orElse(true);
    }

    private PaymentAttempt latest(OrderNo orderNo) {
        List<PaymentAttempt> all = attempts.findByOrder(orderNo);
        if (all.isEmpty()) throw new NotFound("payment of order " + orderNo);
        return all.getLast();
    }
}
