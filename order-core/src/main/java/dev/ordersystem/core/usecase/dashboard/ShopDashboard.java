package dev.ordersystem.core.usecase.dashboard;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.MinuteTally;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures an operator opens the console for (DESIGN §16): today's orders and revenue (the UTC
 * day so far; revenue is what today's orders paid and kept: PAID, SHIPPED, COMPLETED), the orders
 * waiting for payment, the payments waiting for a person, and orders placed per minute over the last
 * hour. Aggregated by the store, read in one transaction. Every instance sees the same figures, unlike
 * the per-instance counters of {@code /metrics}.
 */
public final class ShopDashboard {
    /** How many minutes the per-minute series covers (the current minute last). */
    public static final int MINUTES = 60;

    private final Transactions transactions;
    private final OrderRepository orders;
    private final PaymentRecords payments;
    private final Currency currency;
    private final Clock clock;

    public ShopDashboard(Transactions transactions, OrderRepository orders, PaymentRecords payments, Currency currency, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.payments = payments;
        this.currency = currency;
        this.clock = clock;
    }

    /**
     * @param since            the start of the UTC day the figures of "today" count from
     * @param ordersToday      orders placed since then
     * @param paidToday        of them, those paid and not given back
     * @param revenueToday     what those paid
     * @param pendingPayment   orders in PENDING_PAYMENT now (any day)
     * @param needingAttention payment records waiting for reconciliation now, per status
     * @param perMinute        orders placed per minute, the {@value #MINUTES} minutes up to now, oldest first
     */
    public record Figures(Instant at, Instant since, long ordersToday, long paidToday, Money revenueToday, long pendingPayment,
                          Map<PaymentStatus, Long> needingAttention, List<MinuteCount> perMinute) {
        public Figures {
            needingAttention = Map.copyOf(needingAttention);
            perMinute = List.copyOf(perMinute);
        }
    }

    /** Orders placed in the minute starting at {@code minute}. */
    public record MinuteCount(Instant minute, long placed) {
    }

    public Figures now() {
        Instant now = clock.instant();
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
        Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant seriesStart = currentMinute.minus(Duration.ofMinutes(MINUTES - 1));
        Instant until = currentMinute.plus(Duration.ofMinutes(1));
        return transactions.inTransaction(() -> {
            List<MinuteTally> today = orders.tallyByMinute(dayStart, until);
            // The hour may reach back into yesterday; when it does not, today's minutes hold it already.
            List<MinuteTally> hour = seriesStart.isBefore(dayStart) ? orders.tallyByMinute(seriesStart, until) : today;
            long pending = orders.countInStatus(OrderStatus.PENDING_PAYMENT);
            Map<PaymentStatus, Long> attention = new EnumMap<>(PaymentStatus.class);
            Arrays.stream(PaymentStatus.values()).filter(PaymentStatus::needsReconciliation)
                    .forEach(status -> attention.put(status, payments.countInStatus(status)));
            Money revenue = Money.of(today.stream().mapToLong(t -> t.paidAmount().minor()).sum(), currency);
            return new Figures(now, dayStart, today.stream().mapToLong(MinuteTally::placed).sum(),
                    today.stream().mapToLong(MinuteTally::paid).sum(), revenue, pending, attention, series(hour, seriesStart));
        });
    }

    private static List<MinuteCount> series(List<MinuteTally> tallies, Instant start) {
        Map<Instant, Long> placed = tallies.stream().collect(Collectors.toMap(MinuteTally::minute, MinuteTally::placed, Long::sum));
        List<MinuteCount> series = new ArrayList<>(MINUTES);
        for (int i = 0; i < MINUTES; i++) {
            Instant minute = start.plus(Duration.ofMinutes(i));
            series.add(new MinuteCount(minute, placed.getOrDefault(minute, 0L)));
        }
        return series;
    }
}
