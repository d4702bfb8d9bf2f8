package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.usecase.order.PeriodicDuty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

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
    private final LongAdder published = new LongAdder();
    // Two threads: a burst of events to publish never keeps due deliveries waiting, nor the other way round.
    private final PeriodicDuty publishing = new PeriodicDuty("order-events-publisher", log);
    private final PeriodicDuty delivering = new PeriodicDuty("order-webhooks", log);

    public WebhookWorker(PublishEvents publish, DeliverWebhooks deliver, Duration interval) {
        this.publish = publish;
        this.deliver = deliver;
        this.interval = interval;
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

    /** Delivers batch after batch while there are due ones (up to a bound, then the next turn goes on). */
    private void deliverOnce() {
        // The next batch at once: a backlog drains at the receivers' pace, not the poll interval's.
        for (int batch = 0; batch < 100; batch++) {
            if (deliver.runOnce() == 0) return;
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
