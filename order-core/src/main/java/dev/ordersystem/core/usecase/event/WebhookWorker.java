package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.usecase.order.PeriodicDuty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The background work of DESIGN §15 on every instance: every poll interval, publish what was
 * committed, then deliver what is due. It runs on its own thread and only ever after commit, so a
 * slow or dead receiver slows nobody's placement or payment.
 */
public final class WebhookWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

    private final PublishEvents publish;
    private final DeliverWebhooks deliver;
    private final Duration interval;
    private final DeliveryPacing pacing;
    private final BooleanSupplier placementsQueue;
    private final LongAdder published = new LongAdder();
    // Two threads: a burst of events to publish never keeps due deliveries waiting, nor the other way round.
    private final PeriodicDuty publishing = new PeriodicDuty("order-events-publisher", log);
    private final PeriodicDuty delivering = new PeriodicDuty("order-webhooks", log);

    /** {@code placementsQueue}: whether placements are queueing for a writer now, the load deliveries yield to ({@code pacing}). */
    public WebhookWorker(PublishEvents publish, DeliverWebhooks deliver, Duration interval, DeliveryPacing pacing,
                         BooleanSupplier placementsQueue) {
        this.publish = publish;
        this.deliver = deliver;
        this.interval = interval;
        this.pacing = pacing;
        this.placementsQueue = placementsQueue;
    }

    public void start() {
        publishing.start(new PeriodicDuty.Step("event publishing", Duration.ZERO, interval, this::publishOnce));
        delivering.start(new PeriodicDuty.Step("webhook delivery", Duration.ZERO, interval, this::deliverOnce));
    }

    /** One turn of each, one after the other (tests drive the worker with this). */
    public void runOnce() {
        publishOnce();
        deliverOnce();
    }

    private void publishOnce() {
        published.add(publish.run());
    }

    /** Delivers batch after batch while batches come back full (up to a bound, then the next turn goes on). */
    private void deliverOnce() {
        // The next batch at once while there is a backlog: it drains at the receivers' pace, not the
        // poll interval's. A short batch means nothing more is due: wait for the next turn rather
        // than claim the few events committed meanwhile, so under steady load batches stay full
        // and the claim's and record's statements are paid per many deliveries, not per few.
        for (int batch = 0; batch < 100; batch++) {
            long start = System.nanoTime();
            DeliverWebhooks.Turn turn = deliver.runOnce();
            Duration pause = pacing.pauseAfter(turn.claimed(), Duration.ofNanos(System.nanoTime() - start), turn.oldestWait(),
                    placementsQueue.getAsBoolean());
            if (!pause.isZero() && !sleep(pause)) return;
            if (turn.claimed() < deliver.batchSize()) return;
        }
    }

    /** False when interrupted (the worker is closing). */
    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Events this instance published (each committed event is published once, by one instance). */
    public long publishedTotal() {
        return published.sum();
    }

    public DeliverWebhooks deliveries() {
        return deliver;
    }

    @Override
    public void close() {
        try {
            delivering.close();
        } finally {
            publishing.close();
        }
    }
}
