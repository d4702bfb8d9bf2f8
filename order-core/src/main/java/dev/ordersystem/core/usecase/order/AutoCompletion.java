package dev.ordersystem.core.usecase.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs {@link CompleteShippedOrders} every {@code interval} on its own background thread; does
 * nothing when automatic completion is off. {@link #runOnce()} is public so tests drive it step by step.
 */
public final class AutoCompletion implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutoCompletion.class);

    private final Optional<CompleteShippedOrders> completion;
    private final Duration interval;
    private final LongAdder completed = new LongAdder();
    private final PeriodicDuty duty = new PeriodicDuty("order-auto-complete", log);

    public AutoCompletion(Optional<CompleteShippedOrders> completion, Duration interval) {
        this.completion = completion;
        this.interval = interval;
    }

    /** Starts the periodic run (a no-op when automatic completion is off or it already runs). */
    public void start() {
        if (completion.isPresent()) duty.start(new PeriodicDuty.Step("automatic completion", Duration.ZERO, interval, this::runOnce));
    }

    /** Completes the orders due now; returns how many (0 when automatic completion is off). */
    public int runOnce() {
        int done = completion.map(CompleteShippedOrders::run).orElse(0);
        completed.add(done);
        if (done > 0) log.info("automatic completion completed {} shipped orders", done);
        return done;
    }

    /** Orders this instance has completed automatically since start. */
    public long completedTotal() {
        return completed.sum();
    }

    public boolean enabled() {
        return completion.isPresent();
    }

    /** Stops the background thread, letting a running batch finish. */
    @Override
    public void close() {
        duty.close();
    }
}
