package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.port.DelayScheduler;
import dev.ordersystem.core.port.DelayScheduler.DueJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * DESIGN §4.6: runs due expiry jobs from the delay queue (retrying failures with doubling
 * backoff) and, less often, the database sweep that catches jobs the queue lost. Each on a
 * thread of its own: a large sweep (minutes after an outage) must not hold up the due jobs,
 * which DESIGN §4.6 wants run within about 2 s. The jobs of one claim run side by side, up to the
 * fan-out's width at once: a job whose order has an open provider trade waits on the provider (DESIGN
 * §13), and one at a time would cap a large expiry at the provider's round trips. Each job is still
 * completed or retried under its own claim, and the next claim waits until every job of this one has
 * ended, so a claimed job is never run twice by this worker. {@link #runDueJobs()} and {@link #sweep()}
 * are public so tests drive them step by step.
 */
public final class ExpiryWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExpiryWorker.class);
    private static final int CLAIM_BATCH = 100;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration NOT_DUE_RECHECK = Duration.ofSeconds(1);

    private final DelayScheduler scheduler;
    private final ExpireOrder expireOrder;
    private final SweepOverdueOrders sweepOverdue;
    private final OrderSettings settings;
    private final BoundedFanOut fanOut;
    private final Clock clock;
    private final LongAdder expired = new LongAdder();
    private final PeriodicDuty queueDuty = new PeriodicDuty("order-expiry", log);
    private final PeriodicDuty sweepDuty = new PeriodicDuty("order-expiry-sweep", log);

    public ExpiryWorker(DelayScheduler scheduler, ExpireOrder expireOrder, SweepOverdueOrders sweepOverdue,
                        OrderSettings settings, BoundedFanOut fanOut, Clock clock) {
        this.scheduler = scheduler;
        this.fanOut = fanOut;
        this.expireOrder = expireOrder;
        this.sweepOverdue = sweepOverdue;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts polling the queue and sweeping, each on its own background thread. */
    public synchronized void start() {
        Duration poll = settings.expiryPollInterval();
        queueDuty.start(new PeriodicDuty.Step("expiry delay queue step", poll, poll, this::runDueJobs));
        sweepDuty.start(new PeriodicDuty.Step("expiry sweep step", Duration.ZERO, settings.sweepInterval(), this::sweep));
    }

    /** Claims and runs the jobs due now; returns how many it claimed. */
    public int runDueJobs() {
        List<DueJob> jobs = scheduler.claimDue(clock.instant(), CLAIM_BATCH, settings.expiryLease());
        fanOut.forEach(jobs, this::run);
        return jobs.size();
    }

    /** Runs the database sweep once; returns how many orders it cancelled. */
    public int sweep() {
        int cancelled = sweepOverdue.sweep();
        expired.add(cancelled);
        if (cancelled > 0) log.info("sweep cancelled {} overdue orders", cancelled);
        return cancelled;
    }

    /** Runs one claimed job; never throws (a failure is a retry with backoff), as the fan-out expects. */
    private void run(DueJob job) {
        try {
            ExpiryOutcome outcome = expireOrder.expire(job.orderNo());
            if (outcome == ExpiryOutcome.NOT_DUE) {
                scheduler.retry(job, clock.instant().plus(NOT_DUE_RECHECK));
            } else {
                if (outcome == ExpiryOutcome.EXPIRED) expired.increment();
                scheduler.complete(job);
            }
        } catch (RuntimeException e) {
            Instant next = clock.instant().plus(backoff(job.attempt()));
            log.warn("expiry of order {} failed (attempt {}), retrying at {}: {}", job.orderNo(), job.attempt(), next, e.toString());
            scheduler.retry(job, next);
        }
    }

    /** Orders this worker has cancelled for their payment timeout, by queue job or sweep, since start. */
    public long expiredTotal() {
        return expired.sum();
    }

    private Duration backoff(int attempt) {
        Duration delay = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** Stops both background threads, letting running steps finish. */
    @Override
    public synchronized void close() {
        queueDuty.stop();
        sweepDuty.stop();
        queueDuty.close();
        sweepDuty.close();
    }
}
