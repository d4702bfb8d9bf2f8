package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeCreation;
import dev.ordersystem.core.port.provider.TradeOpened;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * DESIGN §13, start a payment: the buyer's own pending order gets one trade at the provider, with
 * the order's {@code expiresAt} as the provider's deadline. The same request while that trade is
 * open answers it again without calling the provider; another scene or channel first closes it
 * (paid meanwhile: the order is paid and the start refused with 40004). The provider is never
 * called inside a transaction: the attempt is recorded in one short transaction (under the
 * order's row lock, so two starts of one order take turns), the provider called, and its answer
 * written in another.
 */
public final class StartPayment {
    private static final Logger log = LoggerFactory.getLogger(StartPayment.class);
    private static final int SUBJECT_MAX = 127;

    private final Transactions transactions;
    private final OrderRepository orders;
    private final PaymentAttempts attempts;
    private final PaymentProvider provider;
    private final ProviderTrades trades;
    private final PaymentSettings settings;
    private final Clock clock;

    public StartPayment(Transactions transactions, OrderRepository orders, PaymentAttempts attempts, PaymentProvider provider,
                        ProviderTrades trades, PaymentSettings settings, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.attempts = attempts;
        this.provider = provider;
        this.trades = trades;
        this.settings = settings;
        this.clock = clock;
    }

    /** The channels this shop can start trades on (configured keys, or the sandbox). */
    public Set<PaymentChannel> channels() {
        return provider.channels();
    }

    public StartedPayment start(StartPaymentCommand command) {
        PaymentRequestRules.check(command, provider.channels());
        Order order = payable(orders.find(command.orderNo()).filter(o -> o.belongsTo(command.userId()))
                .orElseThrow(() -> new NotFound("order " + command.orderNo())));

        Optional<PaymentAttempt> open = attempts.findOpen(order.orderNo());
        if (open.isPresent()) {
            PaymentAttempt current = open.get();
            if (isRepeatOf(current, command)) return new StartedPayment(order, current, StartedPayment.Origin.REPEATED);
            if (isUnderWay(current)) {
                throw new DuplicateSubmission("a payment of order " + order.orderNo() + " is being started right now");
            }
            closeFirst(current);
        }

        PaymentAttempt starting = record(command);
        TradeCreation answer = provider.create(newTrade(order, starting));
        return switch (answer) {
            case TradeOpened opened -> {
                PaymentAttempt nowOpen = starting.opened(opened.payment());
                attempts.update(nowOpen, starting.state());
                yield new StartedPayment(order, nowOpen, StartedPayment.Origin.CREATED);
            }
            case ProviderFailure failure -> {
                log.warn("payment provider {} create of trade {} (order {}, {}) failed: {}", starting.channel(),
                        starting.outTradeNo(), order.orderNo(), starting.scene(), failure.describe());
                // No buyer ever got a link to this trade, so it cannot be paid: it ends here, freeing the order's slot.
                attempts.update(starting.failed(failure.describe(), clock.instant()), starting.state());
                throw new PaymentProviderUnavailable(failure);
            }
        };
    }

    /** The order must wait for payment, with its deadline still ahead. */
    private Order payable(Order order) {
        if (order.status() != OrderStatus.PENDING_PAYMENT || order.isOverdue(clock.instant())) {
            throw new TransitionNotAllowed(order.orderNo(), order.status(), OrderStatus.PAID);
        }
        return order;
    }

    /** The same scene (and for JSAPI the same payer) with the trade open: its answer stands. */
    private static boolean isRepeatOf(PaymentAttempt current, StartPaymentCommand command) {
        return current.payLink().isPresent() && current.scene() == command.scene() && current.openId().equals(command.openId());
    }

    /** Another request of this order is creating its trade right now (not one whose instance died mid-call). */
    private boolean isUnderWay(PaymentAttempt current) {
        return current.payLink().isEmpty() && current.createdAt().plus(settings.startingStale()).isAfter(clock.instant());
    }

    /** Closes the order's open trade before a new one starts: one order is never payable through two trades. */
    private void closeFirst(PaymentAttempt current) {
        switch (trades.close(current)) {
            case TradeEnd.Closed closed -> {
            }
            case TradeEnd.Paid paid -> {
                Order now = orders.find(current.orderNo()).orElseThrow();
                throw new TransitionNotAllowed(now.orderNo(), now.status(), OrderStatus.PAID);
            }
            case TradeEnd.Unsettled unsettled -> throw new PaymentProviderUnavailable(unsettled.failure());
        }
    }

    /** The attempt's own short transaction: the order locked and checked again, the next number, the one open slot. */
    private PaymentAttempt record(StartPaymentCommand command) {
        return transactions.inTransaction(() -> {
            Order locked = payable(orders.lock(command.orderNo()).orElseThrow(() -> new NotFound("order " + command.orderNo())));
            if (attempts.findOpen(locked.orderNo()).isPresent()) {
                throw new DuplicateSubmission("a payment of order " + locked.orderNo() + " is being started right now");
            }
            int number = attempts.findByOrder(locked.orderNo()).stream().mapToInt(PaymentAttempt::attempt).max().orElse(0) + 1;
            PaymentAttempt starting = PaymentAttempt.starting(locked.orderNo(), number, command.scene(), locked.payAmount(),
                    command.openId(), command.clientIp(), clock.instant());
            attempts.add(starting);
            return starting;
        });
    }

    private NewTrade newTrade(Order order, PaymentAttempt attempt) {
        return new NewTrade(attempt.scene(), attempt.outTradeNo(), attempt.amount(), subject(order), order.expiresAt(),
                attempt.openId(), attempt.clientIp());
    }

    /** What the buyer sees at the provider: the first item's name, and how many more. */
    static String subject(Order order) {
        OrderItem first = order.items().getFirst();
        String more = order.items().size() > 1 ? " +" + (order.items().size() - 1) : "";
        String name = first.productName().isBlank() ? "Order " + order.orderNo() : first.productName();
        int room = SUBJECT_MAX - more.length();
        return (name.length() > room ? name.substring(0, room) : name) + more;
    }
}
