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
    private final PeriodicDuty duty = new PeriodicDuty("order-webhooks", log);

    public WebhookWorker(PublishEvents publish, DeliverWebhooks deliver, Duration interval) {
        this.publish = publish;
        this.deliver = deliver;
        this.interval = interval;
    }

    public void start() {
        duty.start(new PeriodicDuty.Step("webhook publishing and delivery", Duration.ZERO, interval, this::runOnce));
    }

    /** One turn: publish, then deliver until nothing due is left (or a few batches went). */
    public void runOnce() {
        published.add(publish.run());
        for (int batch = 0; batch < 8 && deliver.runOnce() > 0; batch++) {
            published.add(publish.run());
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
        duty.close();
    }
}
