package dev.ordersystem.core.usecase.order;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The skeleton of a background duty: steps run again and again on one named daemon thread, each
 * a fixed delay after its last run ended; a run that throws is logged and runs again at its next
 * turn; closing lets a running step finish. Used by the expiry worker, the stock-gate keeper and
 * automatic completion.
 */
public final class PeriodicDuty implements AutoCloseable {
    private static final long STOP_WAIT_SECONDS = 10;

    /** One step: {@code name} as the log says it, first run after {@code firstAfter}, then {@code every} after each run. */
    public record Step(String name, Duration firstAfter, Duration every, Runnable run) {
    }

    private final String thread;
    private final Logger log;
    private ScheduledExecutorService timer;

    /** @param log the owner's logger, so a failing step is logged under the duty it belongs to */
    public PeriodicDuty(String thread, Logger log) {
        this.thread = thread;
        this.log = log;
    }

    /** Starts the steps on the thread; a no-op when they run already. */
    public synchronized void start(Step... steps) {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(thread).daemon().factory());
        for (Step step : steps) {
            timer.scheduleWithFixedDelay(() -> guarded(step), step.firstAfter().toMillis(), step.every().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Takes no further runs without waiting for a running one (see {@link #close()}). */
    public synchronized void stop() {
        if (timer != null) timer.shutdown();
    }

    /** Stops and waits (up to 10 s) for a running step to finish. */
    @Override
    public synchronized void close() {
        if (timer == null) return;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) timer.shutdownNow();
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer = null;
    }

    private void guarded(Step step) {
        try {
            step.run().run();
        } catch (RuntimeException e) {
            log.warn("{} failed, will try again: {}", step.name(), e.toString());
        }
    }
}
