package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventData;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.WebhookSender;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery worker's decisions, step by step on a hand-moved clock: signing, backoff, giving up, disabling, order per order. */
class DeliverWebhooksTest {
    private static final Instant START = Instant.parse("2031-03-01T08:00:00Z");
    private static final WebhookSettings SETTINGS = WebhookSettings.defaults()
            .withRetries(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofDays(1)).withDisableAfter(Duration.ofDays(1));

    private final MutableClock clock = new MutableClock(START);
    private final Storage storage = InMemoryStorage.create(Currency.getInstance("CNY"), clock);
    private final Recorder sender = new Recorder();
    /** The upper end of every jitter range: the pauses are then exactly first · 2^(n-1), capped. */
    private final RandomGenerator highest = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };
    private final PublishEvents publish = new PublishEvents(storage.transactions(), storage.outbox(), storage.webhooks().endpoints(),
            storage.webhooks().deliveries(), 100, clock);
    private final DeliverWebhooks deliver = new DeliverWebhooks(storage.transactions(), storage.webhooks().endpoints(),
            storage.webhooks().deliveries(), sender, SETTINGS, clock, highest);
    private final WebhookEndpoint endpoint = storage.webhooks().endpoints().add(URI.create("https://hooks.example.com/in"),
            Set.of(), EndpointState.ENABLED, WebhookSecret.generate(new SecureRandom()), START);

    private static final class Recorder implements WebhookSender {
        final List<WebhookRequest> requests = Collections.synchronizedList(new ArrayList<>());
        volatile Function<WebhookRequest, SendResult> answer = r -> new Answered(204, Duration.ofMillis(3));

        @Override
        public SendResult send(WebhookRequest request) {
            requests.add(request);
            return answer.apply(request);
        }

        @Override
        public Optional<String> refusal(URI url) {
            return Optional.empty();
        }
    }

    private OrderNo event(EventType type, OrderNo order) {
        storage.outbox().append(List.of(new OrderEvent(type, order, new EventData().text("orderNo", order.value()).json(), clock.instant())));
        return order;
    }

    private WebhookDelivery onlyDelivery() {
        return storage.webhooks().deliveries().ofEndpoint(endpoint.id(), PageRequest.first(10)).items().getFirst();
    }

    @Test
    void aDeliveryIsSignedTheStandardWebhooksWay() {
        OrderNo order = event(EventType.ORDER_PAID, new OrderNo("20310301080000000000001"));
        publish.run();

        assertThat(deliver.runOnce().claimed()).isEqualTo(1);

        var request = sender.requests.getFirst();
        String id = request.headers().get("webhook-id");
        assertThat(id).startsWith("evt_");
        assertThat(request.headers().get("webhook-timestamp")).isEqualTo(Long.toString(START.getEpochSecond()));
        assertThat(request.headers().get("webhook-signature"))
                .isEqualTo(WebhookSignature.sign(endpoint.secret(), id, START.getEpochSecond(), request.body()));
        assertThat(request.body()).isEqualTo("{\"type\":\"order.paid\",\"timestamp\":\"" + START + "\",\"data\":{\"orderNo\":\""
                + order.value() + "\"}}");
        assertThat(onlyDelivery().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(deliver.deliveredTotal()).isEqualTo(1);
    }

    @Test
    void failuresAreRetriedWithGrowingPausesForTheRetryWindowThenFailedAndTheEndpointDisabled() {
        event(EventType.ORDER_PLACED, new OrderNo("20310301080000000000002"));
        publish.run();
        sender.answer = r -> new WebhookSender.Answered(500, Duration.ofMillis(2));

        List<Duration> pauses = new ArrayList<>();
        Instant last = null;
        int sends = 0;
        while (onlyDelivery().status() == DeliveryStatus.PENDING && sends < 1_000) {
            Instant due = onlyDelivery().nextAttemptAt();
            if (clock.instant().isBefore(due)) {
                clock.advance(Duration.between(clock.instant(), due).minusMillis(1));
                assertThat(deliver.runOnce().claimed()).as("not before its time").isZero();
                clock.advance(Duration.ofMillis(1));
            }
            assertThat(deliver.runOnce().claimed()).isEqualTo(1);
            if (last != null) pauses.add(Duration.between(last, clock.instant()));
            last = clock.instant();
            sends++;
        }

        assertThat(onlyDelivery().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(Duration.between(START, clock.instant())).as("retried for the whole window").isGreaterThanOrEqualTo(Duration.ofDays(1));
        assertThat(pauses.subList(0, 5)).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(80));
        assertThat(pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Duration.ofHours(1)));
        assertThat(onlyDelivery().attempts()).isEqualTo(sends).isLessThan(60);
        assertThat(onlyDelivery().lastStatusCode()).isEqualTo(500);
        assertThat(deliver.gaveUpTotal()).isEqualTo(1);
        WebhookEndpoint flagged = storage.webhooks().endpoints().find(endpoint.id()).orElseThrow();
        assertThat(flagged.state()).isEqualTo(EndpointState.DISABLED_FAILING);
        assertThat(flagged.failingSince()).isEqualTo(START);
    }

    @Test
    void theJitterSpreadsAPauseOverItsUpperHalf() {
        RetrySchedule lowest = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }
        });
        assertThat(lowest.pauseAfter(1)).isEqualTo(Duration.ofMillis(2_500));
        assertThat(lowest.pauseAfter(3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(lowest.pauseAfter(40)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anAnswerClearsTheFailingMarkSoOnlyADayWithoutAnyDisables() {
        OrderNo first = event(EventType.ORDER_PLACED, new OrderNo("20310301080000000000003"));
        publish.run();
        sender.answer = r -> new WebhookSender.NoAnswer("connection refused", Duration.ofMillis(1));
        deliver.runOnce();
        assertThat(storage.webhooks().endpoints().find(endpoint.id()).orElseThrow().failingSince()).isEqualTo(START);

        clock.advance(Duration.ofHours(20));
        sender.answer = r -> new WebhookSender.Answered(200, Duration.ofMillis(1));
        deliver.runOnce();
        assertThat(storage.webhooks().endpoints().find(endpoint.id()).orElseThrow().failingSince()).isNull();

        event(EventType.ORDER_PAID, first);
        publish.run();
        sender.answer = r -> new WebhookSender.Answered(502, Duration.ofMillis(1));
        clock.advance(Duration.ofHours(5));
        deliver.runOnce();
        assertThat(storage.webhooks().endpoints().find(endpoint.id()).orElseThrow().state()).isEqualTo(EndpointState.ENABLED);
    }

    @Test
    void anOrdersNextEventWaitsUntilTheEarlierOneIsAccepted() {
        OrderNo order = event(EventType.ORDER_PLACED, new OrderNo("20310301080000000000004"));
        event(EventType.ORDER_PAID, order);
        OrderNo other = event(EventType.ORDER_PLACED, new OrderNo("20310301080000000000005"));
        publish.run();
        sender.answer = r -> r.body().contains(order.value()) ? new WebhookSender.Answered(503, Duration.ZERO)
                : new WebhookSender.Answered(200, Duration.ZERO);

        deliver.runOnce();
        assertThat(sender.requests).extracting(r -> r.body().contains("order.placed") ? "placed " + (r.body().contains(other.value()) ? "other" : "order") : "paid")
                .containsExactlyInAnyOrder("placed order", "placed other");

        clock.advance(Duration.ofSeconds(5));
        sender.answer = r -> new WebhookSender.Answered(200, Duration.ZERO);
        deliver.runOnce();
        deliver.runOnce();
        assertThat(sender.requests.subList(2, sender.requests.size())).extracting(r -> r.body().contains("order.paid"))
                .containsExactly(false, true);
    }
}
