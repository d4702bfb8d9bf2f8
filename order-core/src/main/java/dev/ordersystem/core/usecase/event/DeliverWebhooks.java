package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventData;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.WebhookDeliveries;
import dev.ordersystem.core.port.WebhookDeliveries.AttemptResult;
import dev.ordersystem.core.port.WebhookEndpoints;
import dev.ordersystem.core.port.WebhookSender;
import dev.ordersystem.core.port.WebhookSender.Answered;
import dev.ordersystem.core.port.WebhookSender.SendResult;
import dev.ordersystem.core.port.WebhookSender.WebhookRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.random.RandomGenerator;

/**
 * DESIGN §15, at least once: claims due deliveries (each the earliest pending one of its order for
 * its endpoint, so an order's events arrive in the order they happened), sends them side by side,
 * signed, with no transaction open, and records each outcome: 2xx delivered; otherwise the next
 * attempt after an exponential, jittered pause, until the retry window is over ({@code FAILED}).
 * An endpoint that has failed without a success for {@code disableAfter} is disabled and flagged.
 */
public final class DeliverWebhooks {
    private static final Logger log = LoggerFactory.getLogger(DeliverWebhooks.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Transactions transactions;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final WebhookSettings settings;
    private final RetrySchedule retries;
    private final Clock clock;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();

    public DeliverWebhooks(Transactions transactions, WebhookEndpoints endpoints, WebhookDeliveries deliveries,
                           WebhookSender sender, WebhookSettings settings, Clock clock) {
        this(transactions, endpoints, deliveries, sender, settings, clock, new Random()); // Random is thread-safe; senders share it
    }

    DeliverWebhooks(Transactions transactions, WebhookEndpoints endpoints, WebhookDeliveries deliveries,
                    WebhookSender sender, WebhookSettings settings, Clock clock, RandomGenerator random) {
        this.transactions = transactions;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.settings = settings;
        this.retries = new RetrySchedule(settings.firstRetry(), settings.maxRetryDelay(), random);
        this.clock = clock;
    }

    /** One turn: claims up to a batch of due deliveries, sends them and records what came of each; returns how many. */
    public int runOnce() {
        Instant now = clock.instant();
        List<WebhookDelivery> claimed = transactions.inTransaction(
                () -> deliveries.claimDue(now, settings.batchSize(), now.plus(settings.lease())));
        if (claimed.isEmpty()) return 0;
        Map<Long, Optional<WebhookEndpoint>> targets = new LinkedHashMap<>();
        for (WebhookDelivery d : claimed) targets.computeIfAbsent(d.endpointId(), endpoints::find);
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (WebhookDelivery d : claimed) {
                targets.get(d.endpointId()).ifPresent(endpoint -> running.add(sending.submit(() -> attempt(d, endpoint))));
            }
            for (Future<?> f : running) await(f);
        }
        return claimed.size();
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            log.warn("webhook attempt failed to be recorded, its lease will run out and it goes again: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void attempt(WebhookDelivery delivery, WebhookEndpoint endpoint) {
        PublishedEvent event = delivery.event();
        long timestamp = clock.instant().getEpochSecond();
        String body = body(event);
        Map<String, String> headers = Map.of(
                "webhook-id", event.webhookId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.sign(endpoint.secret(), event.webhookId(), timestamp, body),
                "content-type", "application/json");
        SendResult result = sender.send(new WebhookRequest(endpoint.url(), headers, body));
        Instant at = clock.instant();
        if (result instanceof Answered answered && answered.accepted()) {
            transactions.inTransaction(() -> {
                deliveries.record(new AttemptResult(delivery.id(), DeliveryStatus.DELIVERED, at, answered.status(), null,
                        answered.latency().toMillis(), at));
                endpointAnswered(endpoint.id());
            });
            delivered.increment();
            return;
        }
        int status = result instanceof Answered answered ? answered.status() : 0;
        String error = result instanceof WebhookSender.NoAnswer none ? none.reason() : "answered " + status;
        boolean windowOver = !at.isBefore(delivery.createdAt().plus(settings.retryWindow()));
        Duration pause = retries.pauseAfter(delivery.attempts() + 1);
        transactions.inTransaction(() -> {
            deliveries.record(new AttemptResult(delivery.id(), windowOver ? DeliveryStatus.FAILED : DeliveryStatus.PENDING,
                    at.plus(pause), status, truncate(error), result.latency().toMillis(), at));
            endpointFailed(endpoint.id(), at);
        });
        if (windowOver) {
            gaveUp.increment();
            log.warn("webhook {} to endpoint {} FAILED after {} attempts over {}: {}", event.webhookId(), endpoint.id(),
                    delivery.attempts() + 1, settings.retryWindow(), error);
        } else {
            failedAttempts.increment();
        }
    }

    /** The Standard Webhooks body: {@code {"type", "timestamp", "data"}}; the same bytes on every attempt. */
    public static String body(PublishedEvent event) {
        return "{\"type\":" + EventData.quote(event.type().wireName()) + ",\"timestamp\":"
                + EventData.quote(event.occurredAt().toString()) + ",\"data\":" + event.data() + "}";
    }

    private void endpointAnswered(long endpointId) {
        endpoints.find(endpointId).filter(e -> e.failingSince() != null).ifPresent(e -> endpoints.update(
                new WebhookEndpoint(e.id(), e.url(), e.events(), e.state(), e.secret(), e.createdAt(), null)));
    }

    private void endpointFailed(long endpointId, Instant at) {
        Optional<WebhookEndpoint> found = endpoints.find(endpointId);
        if (found.isEmpty()) return;
        WebhookEndpoint e = found.get();
        if (e.failingSince() == null) {
            endpoints.update(new WebhookEndpoint(e.id(), e.url(), e.events(), e.state(), e.secret(), e.createdAt(), at));
        } else if (e.state().receives() && !at.isBefore(e.failingSince().plus(settings.disableAfter()))) {
            endpoints.update(new WebhookEndpoint(e.id(), e.url(), e.events(), EndpointState.DISABLED_FAILING, e.secret(),
                    e.createdAt(), e.failingSince()));
            log.warn("webhook endpoint {} ({}) disabled and flagged: failing since {}", e.id(), e.url(), e.failingSince());
        }
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    /** Deliveries this instance saw answered 2xx. */
    public long deliveredTotal() {
        return delivered.sum();
    }

    /** Attempts this instance made that failed and will be retried. */
    public long failedAttemptsTotal() {
        return failedAttempts.sum();
    }

    /** Deliveries this instance gave up on after the retry window ({@code FAILED}). */
    public long gaveUpTotal() {
        return gaveUp.sum();
    }
}
