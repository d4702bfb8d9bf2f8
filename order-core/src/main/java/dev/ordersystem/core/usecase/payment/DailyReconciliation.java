package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.ReconciliationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daily schedule of DESIGN §14: once the local time of day {@code at} has come, yesterday's
 * bill (China time, as the providers cut them) of every configured channel is reconciled. Every
 * instance runs this; the day's reconciliation row is the claim, so the day is reconciled once
 * across instances, and an instance that finds it DONE (or RUNNING elsewhere, until DONE) only
 * reads it. A bill that cannot be had is asked for again after {@code retryAfter}, all day.
 */
public final class DailyReconciliation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);
    private static final Duration TICK = Duration.ofMinutes(1);

    private final ReconcileBill reconcile;
    private final LocalTime at;
    private final ZoneId localZone;
    private final Duration retryAfter;
    private final Clock clock;
    private final Map<PaymentChannel, LocalDate> settled = new EnumMap<>(PaymentChannel.class);
    private final Map<PaymentChannel, Instant> failedAt = new EnumMap<>(PaymentChannel.class);
    private ScheduledExecutorService timer;

    /**
     * @param at        the local time of day the runs start ({@code ORDER_RECONCILE_AT})
     * @param localZone the zone that time is in (the server's)
     */
    public DailyReconciliation(ReconcileBill reconcile, LocalTime at, ZoneId localZone, Duration retryAfter, Clock clock) {
        this.reconcile = reconcile;
        this.at = at;
        this.localZone = localZone;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    /**
     * Reconciles yesterday's bill of every channel not settled yet for that day, when the time of
     * day has come; answers the reports it got (DONE: settled; RUNNING on another instance: asked
     * again on the next tick).
     */
    public synchronized List<ReconciliationReport> runIfDue() {
        Instant now = clock.instant();
        if (now.atZone(localZone).toLocalTime().isBefore(at)) return List.of();
        LocalDate billDay = LocalDate.ofInstant(now, ReconcileBill.BILL_ZONE).minusDays(1);
        List<ReconciliationReport> reports = new ArrayList<>();
        for (PaymentChannel channel : reconcile.channels().stream().sorted().toList()) {
            if (billDay.equals(settled.get(channel))) continue;
            Instant failed = failedAt.get(channel);
            if (failed != null && now.isBefore(failed.plus(retryAfter))) continue;
            try {
                ReconciliationReport report = reconcile.reconcile(channel, billDay);
                reports.add(report);
                failedAt.remove(channel);
                if (report.reconciliation().state() == ReconciliationState.DONE) settled.put(channel, billDay);
            } catch (PaymentProviderUnavailable e) {
                failedAt.put(channel, now);
                log.warn("daily reconciliation of {} {} failed, asking again in {}: {}", channel, billDay, retryAfter, e.getMessage());
            }
        }
        return reports;
    }

    /** Checks every minute on a daemon thread of its own. */
    public synchronized void start() {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("order-reconciliation").factory());
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toSeconds(), TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            runIfDue();
        } catch (RuntimeException e) {
            log.error("daily reconciliation failed; trying again in {}", TICK, e); // the store down: the next tick tries again
        }
    }

    @Override
    public synchronized void close() {
        if (timer == null) return;
        timer.shutdownNow();
        timer = null;
    }
}
