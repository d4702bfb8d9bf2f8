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
import dev.ordersystem.core.port.WebhookDeliveries.Claim;
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
import java.util.HashMap;
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

    /**
     * One turn: claims up to a batch of due deliveries, sends them side by side and records what
     * came of them all in one transaction (one commit per batch, not per delivery: on a small
     * machine the deliveries' commits would otherwise compete with the placements'); returns how many
     * and how long the oldest of them waited for its first attempt.
     */
    public Turn runOnce() {
        Instant now = clock.instant();
        List<WebhookDelivery> claimed = transactions.inTransaction(
                () -> deliveries.claimDue(now, settings.batchSize(), now.plus(settings.lease())));
        if (claimed.isEmpty()) return new Turn(0, Duration.ZERO);
        Map<Long, Optional<WebhookEndpoint>> targets = new LinkedHashMap<>();
        for (WebhookDelivery d : claimed) targets.computeIfAbsent(d.endpointId(), endpoints::find);
        Map<Long, WebhookSignature> signatures = new HashMap<>();
        List<Attempt> attempts = new ArrayList<>();
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Attempt>> running = new ArrayList<>();
            for (WebhookDelivery d : claimed) {
                targets.get(d.endpointId()).ifPresent(endpoint -> {
                    // Signed here, one after the other: one Mac per endpoint per batch (a Mac is not thread-safe).
                    WebhookRequest request = request(d.event(), endpoint,
                            signatures.computeIfAbsent(endpoint.id(), id -> WebhookSignature.with(endpoint.secret())));
                    running.add(sending.submit(() -> attempt(d, endpoint, request)));
                });
            }
            for (Future<Attempt> f : running) await(f).ifPresent(attempts::add);
        }
        if (!attempts.isEmpty()) transactions.inTransaction(() -> record(attempts));
        for (Attempt a : attempts) count(a);
        return new Turn(claimed.size(), oldestWait(claimed, now));
    }

    /** What one turn did: deliveries claimed (and sent), and the longest a first attempt among them had waited. */
    public record Turn(int claimed, Duration oldestWait) {
    }

    /** A retry waits by design; a first attempt's wait since its event was queued is the delivery lag. */
    private static Duration oldestWait(List<WebhookDelivery> claimed, Instant now) {
        return claimed.stream().filter(d -> d.attempts() == 0).map(d -> Duration.between(d.createdAt(), now))
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** One send and what to write about it. */
    private record Attempt(WebhookDelivery delivery, WebhookEndpoint endpoint, AttemptResult result) {
        boolean accepted() {
            return result.status() == DeliveryStatus.DELIVERED;
        }
    }

    private static Optional<Attempt> await(Future<Attempt> f) {
        try {
            return Optional.of(f.get());
        } catch (ExecutionException e) {
            log.warn("a webhook attempt failed unexpectedly; its lease will run out and it goes again: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private WebhookRequest request(PublishedEvent event, WebhookEndpoint endpoint, WebhookSignature signature) {
        long timestamp = clock.instant().getEpochSecond();
        String body = body(event);
        Map<String, String> headers = Map.of(
                "webhook-id", event.webhookId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature.sign(event.webhookId(), timestamp, body),
                "content-type", "application/json");
        return new WebhookRequest(endpoint.url(), headers, body);
    }

    private Attempt attempt(WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookRequest request) {
        SendResult result = sender.send(request);
        Instant at = clock.instant();
        if (result instanceof Answered answered && answered.accepted()) {
            return new Attempt(delivery, endpoint, new AttemptResult(Claim.of(delivery), DeliveryStatus.DELIVERED, at,
                    answered.status(), null, answered.latency().toMillis(), at));
        }
        int status = result instanceof Answered answered ? answered.status() : 0;
        String error = result instanceof WebhookSender.NoAnswer none ? none.reason() : "answered " + status;
        boolean windowOver = !at.isBefore(delivery.createdAt().plus(settings.retryWindow()));
        Duration pause = retries.pauseAfter(delivery.attempts() + 1);
        return new Attempt(delivery, endpoint, new AttemptResult(Claim.of(delivery),
                windowOver ? DeliveryStatus.FAILED : DeliveryStatus.PENDING, at.plus(pause), status, truncate(error),
                result.latency().toMillis(), at));
    }

    /** Every outcome of the batch, and per endpoint: answered once → not failing; only failures → failing since, maybe disabled. */
    private void record(List<Attempt> attempts) {
        deliveries.recordAll(attempts.stream().map(Attempt::result).toList());
        Map<Long, List<Attempt>> perEndpoint = new LinkedHashMap<>();
        for (Attempt a : attempts) perEndpoint.computeIfAbsent(a.endpoint().id(), id -> new ArrayList<>()).add(a);
        perEndpoint.forEach((endpointId, its) -> {
            if (its.stream().noneMatch(Attempt::accepted)) endpointFailed(endpointId, its.getFirst().result().at());
            // As read for this batch: one that was not failing has nothing to clear (no read per batch).
            else if (its.getFirst().endpoint().failingSince() != null) endpointAnswered(endpointId);
        });
    }

    private void count(Attempt a) {
        switch (a.result().status()) {
            case DELIVERED -> delivered.increment();
            case PENDING -> failedAttempts.increment();
            case FAILED -> {
                gaveUp.increment();
                log.warn("webhook {} to endpoint {} FAILED after {} attempts over {}: {}", a.delivery().event().webhookId(),
                        a.endpoint().id(), a.delivery().attempts() + 1, settings.retryWindow(), a.result().error());
            }
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

    /** The most deliveries one turn claims: a turn that claims fewer leaves none due behind it. */
    public int batchSize() {
        return settings.batchSize();
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
