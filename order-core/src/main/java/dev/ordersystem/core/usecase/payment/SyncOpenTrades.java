package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.usecase.order.BoundedFanOut;
import dev.ordersystem.core.usecase.order.PeriodicDuty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * DESIGN §13, the background sync: open trades a few minutes old that heard nothing are asked
 * about, because notifications get lost. The order still waits: the trade is queried (paid →
 * applied like a notification). The order is settled already (cancelled while the provider could
 * not be heard, paid through another way) or gone: the trade is closed, so nobody pays it later.
 * A trade still {@code STARTING} that long was abandoned mid-call: closed too. The trades of one run
 * are asked about side by side, up to {@link PaymentSettings#providerCallWidth()} at once (each call
 * waits on the provider; each writes only its own attempt, guarded). {@link #runOnce()}
 * is public so tests drive it step by step.
 */
public final class SyncOpenTrades implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncOpenTrades.class);

    private final OrderRepository orders;
    private final PaymentAttempts attempts;
    private final ProviderTrades trades;
    private final PaymentSettings settings;
    private final BoundedFanOut fanOut;
    private final Clock clock;
    private final PeriodicDuty duty = new PeriodicDuty("order-payment-sync", log);

    public SyncOpenTrades(OrderRepository orders, PaymentAttempts attempts, ProviderTrades trades, PaymentSettings settings,
                          Clock clock) {
        this.orders = orders;
        this.attempts = attempts;
        this.trades = trades;
        this.settings = settings;
        this.fanOut = new BoundedFanOut("order-payment-sync-call", settings.providerCallWidth());
        this.clock = clock;
    }

    /** Starts the periodic run on its own background thread (a no-op when it runs already). */
    public void start() {
        duty.start(new PeriodicDuty.Step("payment sync step", settings.syncInterval(), settings.syncInterval(), this::runOnce));
    }

    /** Asks about (or closes) the trades due now; returns how many it asked about. */
    public int runOnce() {
        Instant due = clock.instant().minus(settings.syncAfter());
        List<PaymentAttempt> unheard = attempts.findUnheard(due, due, settings.syncBatch());
        fanOut.forEach(unheard, attempt -> {
            try {
                sync(attempt);
            } catch (RuntimeException e) {
                log.warn("payment sync of trade {} (order {}) failed, will try again: {}", attempt.outTradeNo(),
                        attempt.orderNo(), e.toString());
            }
        });
        if (!unheard.isEmpty()) log.info("payment sync asked about {} open trades", unheard.size());
        return unheard.size();
    }

    private void sync(PaymentAttempt attempt) {
        Optional<Order> order = orders.find(attempt.orderNo());
        boolean waiting = order.map(o -> o.status() == OrderStatus.PENDING_PAYMENT).orElse(false);
        if (waiting && attempt.payLink().isPresent()) {
            trades.ask(attempt);
        } else {
            trades.close(attempt);
        }
    }

    /** Stops the background thread, letting a running step finish. */
    @Override
    public void close() {
        duty.close();
    }
}
