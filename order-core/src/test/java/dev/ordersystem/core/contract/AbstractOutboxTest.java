package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventData;
import dev.ordersystem.core.domain.EventSubject;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.WebhookDeliveries.AttemptResult;
import dev.ordersystem.core.port.WebhookDeliveries.Claim;
import dev.ordersystem.core.port.WebhookDeliveries.NewDelivery;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link dev.ordersystem.core.port.Outbox} and of the webhook tables it feeds
 * ({@link dev.ordersystem.core.port.WebhookEndpoints}, {@link dev.ordersystem.core.port.WebhookDeliveries}):
 * events exist exactly when their transaction committed, are published once each in a feed that
 * only grows at its end, and deliveries go one at a time per order and endpoint.
 */
public abstract class AbstractOutboxTest extends StorageFixtures {
    /** Product ids for subjects only (no product row is needed for an event about one). */
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE_FOR_PRODUCTS = new java.util.concurrent.atomic.AtomicLong();

    private OrderEvent event(EventType type, OrderNo order) {
        return new OrderEvent(type, order, new EventData().text("orderNo", order.value()).text("note", "收到 \"quoted\"").json(), now);
    }

    private List<PublishedEvent> publishAll() {
        List<PublishedEvent> all = new ArrayList<>();
        for (List<PublishedEvent> batch = publish(); !batch.isEmpty(); batch = publish()) all.addAll(batch);
        return all;
    }

    private List<PublishedEvent> publish() {
        return storage.transactions().inTransaction(() -> storage.outbox().publishNext(50));
    }

    private List<PublishedEvent> feedOf(Set<OrderNo> orders) {
        List<PublishedEvent> mine = new ArrayList<>();
        long after = 0;
        for (List<PublishedEvent> page = storage.outbox().after(after, 100); !page.isEmpty();
             page = storage.outbox().after(after, 100)) {
            for (PublishedEvent e : page) if (orders.contains(e.orderNo())) mine.add(e);
            after = page.getLast().position();
        }
        return mine;
    }

    @Test
    void committedEventsArePublishedOnceInTheirOrder() {
        OrderNo order = newOrderNo();
        storage.transactions().inTransaction(() -> storage.outbox().append(List.of(
                event(EventType.ORDER_PLACED, order), event(EventType.ORDER_PAID, order))));
        storage.outbox().append(List.of(event(EventType.ORDER_SHIPPED, order)));

        List<PublishedEvent> published = publishAll().stream().filter(e -> e.orderNo().equals(order)).toList();

        assertThat(published).extracting(PublishedEvent::type)
                .containsExactly(EventType.ORDER_PLACED, EventType.ORDER_PAID, EventType.ORDER_SHIPPED);
        assertThat(published).extracting(PublishedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(published).extracting(PublishedEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(published.getFirst().data()).isEqualTo(event(EventType.ORDER_PLACED, order).data());
        assertThat(published.getFirst().occurredAt()).isEqualTo(now);
        assertThat(publishAll()).noneMatch(e -> e.orderNo().equals(order));
        assertThat(feedOf(Set.of(order))).isEqualTo(published);
        assertThat(storage.outbox().after(published.get(1).position(), 100)).first().isEqualTo(published.get(2));
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() {
        OrderNo order = newOrderNo();
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.outbox().append(List.of(event(EventType.ORDER_PLACED, order)));
            throw new IllegalStateException("the change was refused");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(publishAll()).noneMatch(e -> e.orderNo().equals(order));
        assertThat(storage.outbox().unpublished()).isZero();
    }

    @Test
    void writersAndPublishersSideBySidePublishEveryEventOnceAndTheFeedOnlyGrowsAtItsEnd() throws Exception {
        int writers = 8;
        int perWriter = 40;
        Set<OrderNo> orders = Collections.synchronizedSet(new HashSet<>());
        List<Callable<List<PublishedEvent>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            tasks.add(() -> {
                for (int i = 0; i < perWriter; i++) {
                    OrderNo order = newOrderNo();
                    orders.add(order);
                    storage.transactions().inTransaction(() -> storage.outbox().append(List.of(
                            event(EventType.ORDER_PLACED, order), event(EventType.ORDER_PAID, order))));
                }
                return List.of();
            });
        }
        for (int p = 0; p < 3; p++) {
            tasks.add(() -> {
                List<PublishedEvent> seen = new ArrayList<>();
                for (int round = 0; round < 200; round++) seen.addAll(publish());
                return seen;
            });
        }
        // A reader following the feed: every page starts after what it saw, so a position that
        // appeared below one it had already seen would be missed; the count at the end catches it.
        List<PublishedEvent> followed = Collections.synchronizedList(new ArrayList<>());
        tasks.add(() -> {
            long after = 0;
            for (int round = 0; round < 400; round++) {
                List<PublishedEvent> page = storage.outbox().after(after, 100);
                followed.addAll(page);
                if (!page.isEmpty()) after = page.getLast().position();
            }
            return List.of();
        });

        var results = Race.run(tasks.size(), tasks, Duration.ofMinutes(2));
        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        publishAll();

        List<PublishedEvent> feed = feedOf(orders);
        assertThat(feed).hasSize(writers * perWriter * 2);
        assertThat(feed).extracting(PublishedEvent::id).doesNotHaveDuplicates();
        assertThat(feed.stream().collect(Collectors.groupingBy(PublishedEvent::orderNo))).allSatisfy((order, events) ->
                assertThat(events).extracting(PublishedEvent::type).containsExactly(EventType.ORDER_PLACED, EventType.ORDER_PAID));
        // What the follower saw is a prefix of the feed in the same order: nothing was inserted behind it.
        List<PublishedEvent> followedMine = followed.stream().filter(e -> orders.contains(e.orderNo())).toList();
        assertThat(feed.subList(0, followedMine.size())).isEqualTo(followedMine);
    }

    private WebhookEndpoint endpoint(EndpointState state) {
        return storage.webhooks().endpoints().add(URI.create("https://hooks.example.com/" + unique("in")),
                Set.of(EventType.ORDER_PAID, EventType.ORDER_PLACED), state, WebhookSecret.generate(new SecureRandom()), now);
    }

    private List<PublishedEvent> publishedEvents(OrderNo... orders) {
        Set<OrderNo> mine = Set.of(orders);
        return publishAll().stream().filter(e -> mine.contains(e.orderNo())).toList();
    }

    /** A new order's placed event, published and queued to {@code endpoint}, due now. */
    private PublishedEvent queueOneDelivery(WebhookEndpoint endpoint) {
        OrderNo order = newOrderNo();
        storage.outbox().append(List.of(event(EventType.ORDER_PLACED, order)));
        PublishedEvent event = publishedEvents(order).getFirst();
        storage.webhooks().deliveries().addAll(List.of(new NewDelivery(endpoint.id(), event, now)));
        return event;
    }

    /** Claims until nothing is due at {@code at} (a shared store holds other tests' deliveries too); this endpoint's share. */
    private List<WebhookDelivery> claim(WebhookEndpoint endpoint, java.time.Instant at) {
        List<WebhookDelivery> mine = new ArrayList<>();
        for (List<WebhookDelivery> batch = claimBatch(at); !batch.isEmpty(); batch = claimBatch(at)) {
            batch.stream().filter(d -> d.endpointId() == endpoint.id()).forEach(mine::add);
        }
        return mine;
    }

    private List<WebhookDelivery> claimBatch(java.time.Instant at) {
        return storage.transactions().inTransaction(() -> storage.webhooks().deliveries().claimDue(at, 100, at.plusSeconds(60)));
    }

    @Test
    void endpointsAreStoredChangedAndDeleted() {
        WebhookEndpoint added = endpoint(EndpointState.ENABLED);

        assertThat(storage.webhooks().endpoints().find(added.id())).contains(added);
        assertThat(storage.webhooks().endpoints().all()).contains(added);
        WebhookEndpoint changed = new WebhookEndpoint(added.id(), URI.create("http://hooks.example.com:8080/x?y=1"),
                Set.of(), EndpointState.DISABLED_FAILING, added.secret(), added.createdAt(), now.plusSeconds(5));
        storage.webhooks().endpoints().update(changed);
        assertThat(storage.webhooks().endpoints().find(added.id())).contains(changed);
        storage.webhooks().endpoints().delete(added.id());
        assertThat(storage.webhooks().endpoints().find(added.id())).isEmpty();
        assertThatThrownBy(() -> storage.webhooks().endpoints().delete(added.id()))
                .isInstanceOf(dev.ordersystem.core.domain.NotFound.class);
    }

    @Test
    void anOrdersDeliveriesGoOneAtATimeInTheOrderOfTheirEvents() {
        WebhookEndpoint endpoint = endpoint(EndpointState.ENABLED);
        OrderNo first = newOrderNo();
        OrderNo second = newOrderNo();
        storage.outbox().append(List.of(event(EventType.ORDER_PLACED, first), event(EventType.ORDER_PLACED, second),
                event(EventType.ORDER_PAID, first)));
        List<PublishedEvent> events = publishedEvents(first, second);
        storage.webhooks().deliveries().addAll(events.stream().map(e -> new NewDelivery(endpoint.id(), e, now)).toList());

        List<WebhookDelivery> claimed = claim(endpoint, now);
        assertThat(claimed).extracting(d -> d.event().id()).containsExactlyInAnyOrder(events.get(0).id(), events.get(1).id());
        assertThat(claim(endpoint, now.plusSeconds(30))).as("leased to the first claimer").isEmpty();

        WebhookDelivery placedFirst = claimed.stream().filter(d -> d.event().orderNo().equals(first)).findFirst().orElseThrow();
        storage.webhooks().deliveries().record(new AttemptResult(Claim.of(placedFirst), DeliveryStatus.PENDING, now.plusSeconds(10),
                503, "answered 503", 12, now));
        assertThat(claim(endpoint, now.plusSeconds(5))).as("a failed head keeps its order's later events back").isEmpty();
        List<WebhookDelivery> retried = claim(endpoint, now.plusSeconds(10));
        assertThat(retried).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(placedFirst.id());
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastStatusCode()).isEqualTo(503);
            assertThat(d.lastError()).isEqualTo("answered 503");
            assertThat(d.lastLatencyMillis()).isEqualTo(12);
        });
        storage.webhooks().deliveries().record(new AttemptResult(Claim.of(retried.getFirst()), DeliveryStatus.DELIVERED, now.plusSeconds(11),
                200, null, 7, now.plusSeconds(11)));

        assertThat(claim(endpoint, now.plusSeconds(11))).singleElement()
                .satisfies(d -> assertThat(d.event().id()).isEqualTo(events.get(2).id()));
        WebhookDelivery done = storage.webhooks().deliveries().find(placedFirst.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.settledAt()).isEqualTo(now.plusSeconds(11));
        // A late report from a worker whose lease ran out does not reopen a settled delivery.
        storage.webhooks().deliveries().record(new AttemptResult(Claim.of(retried.getFirst()), DeliveryStatus.PENDING, now.plusSeconds(99),
                0, "timeout", 5_000, now.plusSeconds(12)));
        assertThat(storage.webhooks().deliveries().find(placedFirst.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        // Every attempt stays in its history, newest first, the late report too.
        assertThat(storage.webhooks().deliveries().attemptsOf(List.of(placedFirst.id()), 10).get(placedFirst.id()))
                .containsExactly(new WebhookAttempt(now.plusSeconds(12), 0, 5_000, "timeout"),
                        new WebhookAttempt(now.plusSeconds(11), 200, 7, null),
                        new WebhookAttempt(now, 503, 12, "answered 503"));
        assertThat(storage.webhooks().deliveries().attemptsOf(List.of(placedFirst.id(), Long.MAX_VALUE), 2))
                .as("at most as many as asked; a delivery without attempts is absent")
                .containsOnlyKeys(placedFirst.id()).extractingByKey(placedFirst.id()).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(2);
    }

    @Test
    void aLateOutcomeFromAWorkerWhoseLeaseRanOutLeavesTheNextHoldersClaimAlone() {
        WebhookEndpoint endpoint = endpoint(EndpointState.ENABLED);
        queueOneDelivery(endpoint);

        // Worker A claims it (leased for 60 s) and stalls; its lease runs out and worker B claims it.
        WebhookDelivery byA = claim(endpoint, now).getFirst();
        WebhookDelivery byB = claim(endpoint, now.plusSeconds(61)).getFirst();
        assertThat(byB.id()).isEqualTo(byA.id());
        assertThat(Claim.of(byB)).isNotEqualTo(Claim.of(byA));
        // A's outcome arrives while B is sending: refused, next attempt in a second.
        storage.webhooks().deliveries().record(new AttemptResult(Claim.of(byA), DeliveryStatus.PENDING, now.plusSeconds(62),
                503, "answered 503", 61_000, now.plusSeconds(61)));

        assertThat(claim(endpoint, now.plusSeconds(62))).as("B still holds it: no third worker sends it meanwhile").isEmpty();
        assertThat(storage.webhooks().deliveries().find(byA.id()).orElseThrow()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.attempts()).isZero();
            assertThat(d.nextAttemptAt()).isEqualTo(byB.nextAttemptAt());
        });
        // B's outcome counts; A's late success would not settle it over B either.
        storage.webhooks().deliveries().record(new AttemptResult(Claim.of(byB), DeliveryStatus.DELIVERED, now.plusSeconds(63),
                204, null, 4, now.plusSeconds(63)));
        storage.webhooks().deliveries().record(new AttemptResult(Claim.of(byA), DeliveryStatus.FAILED, now.plusSeconds(64),
                500, "answered 500", 3, now.plusSeconds(64)));
        assertThat(storage.webhooks().deliveries().find(byA.id()).orElseThrow()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.settledAt()).isEqualTo(now.plusSeconds(63));
        });
        assertThat(storage.webhooks().deliveries().attemptsOf(List.of(byA.id()), 10).get(byA.id()))
                .as("every attempt is in the history, the late ones too").hasSize(3);
    }

    @Test
    void aProductsEventKeepsItsSubjectAndItsDeliveriesGoInTheirOrder() {
        WebhookEndpoint endpoint = storage.webhooks().endpoints().add(URI.create("https://hooks.example.com/" + unique("stock")),
                Set.of(EventType.STOCK_LOW), EndpointState.ENABLED, WebhookSecret.generate(new SecureRandom()), now);
        EventSubject product = EventSubject.of(new ProductId(SEQUENCE_FOR_PRODUCTS.incrementAndGet() + 1_000_000_000L));
        storage.outbox().append(List.of(new OrderEvent(EventType.STOCK_LOW, product, "{\"available\":4}", now),
                new OrderEvent(EventType.STOCK_LOW, product, "{\"available\":2}", now)));

        List<PublishedEvent> published = publishAll().stream().filter(e -> e.subject().equals(product)).toList();
        assertThat(published).hasSize(2).allSatisfy(e -> {
            assertThat(e.orderNo()).isNull();
            assertThat(e.subject().productId()).isEqualTo(product.productId());
        });
        assertThat(published).extracting(PublishedEvent::data).containsExactly("{\"available\":4}", "{\"available\":2}");
        storage.webhooks().deliveries().addAll(published.stream().map(e -> new NewDelivery(endpoint.id(), e, now)).toList());
        assertThat(claim(endpoint, now)).as("one at a time per product, like an order's")
                .singleElement().satisfies(d -> assertThat(d.event()).isEqualTo(published.getFirst()));
    }

    @Test
    void disabledEndpointsGetNothingUntilEnabledAndARetryMakesADeliveryDueAgain() {
        WebhookEndpoint endpoint = endpoint(EndpointState.DISABLED_FAILING);
        PublishedEvent event = queueOneDelivery(endpoint);

        assertThat(claim(endpoint, now)).isEmpty();
        assertThat(storage.webhooks().deliveries().earliestDue(now)).isNotEqualTo(java.util.Optional.of(now.minusSeconds(1)));
        storage.webhooks().endpoints().update(endpoint.with(endpoint.url(), endpoint.events(), EndpointState.ENABLED));
        WebhookDelivery claimed = claim(endpoint, now).getFirst();
        storage.webhooks().deliveries().record(new AttemptResult(Claim.of(claimed), DeliveryStatus.FAILED, now, 500, "answered 500", 3, now));
        assertThat(claim(endpoint, now.plusSeconds(120))).isEmpty();

        storage.webhooks().deliveries().retry(claimed.id(), now.plusSeconds(200));
        assertThat(claim(endpoint, now.plusSeconds(200))).extracting(WebhookDelivery::id).containsExactly(claimed.id());

        var page = storage.webhooks().deliveries().ofEndpoint(endpoint.id(), PageRequest.first(10));
        assertThat(page.items()).extracting(WebhookDelivery::id).containsExactly(claimed.id());
        assertThat(page.items().getFirst().event()).isEqualTo(event);
    }

    @Test
    void workersClaimingSideBySideNeverTakeOneDeliveryTwice() throws Exception {
        WebhookEndpoint endpoint = endpoint(EndpointState.ENABLED);
        List<OrderNo> orders = new ArrayList<>();
        List<OrderEvent> appended = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            OrderNo order = newOrderNo();
            orders.add(order);
            appended.add(event(EventType.ORDER_PLACED, order));
        }
        storage.outbox().append(appended);
        List<PublishedEvent> events = publishedEvents(orders.toArray(OrderNo[]::new));
        storage.webhooks().deliveries().addAll(events.stream().map(e -> new NewDelivery(endpoint.id(), e, now)).toList());

        // Workers claim until all of this endpoint's deliveries are taken, not for a fixed number of rounds: a claim
        // may come back short (rows another worker holds are skipped, other tests' due deliveries share the store).
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Callable<List<Long>>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            workers.add(() -> {
                List<Long> mine = new ArrayList<>();
                while (taken.get() < events.size() && System.nanoTime() < giveUpAt) {
                    List<Long> claim = storage.transactions().inTransaction(() ->
                                    storage.webhooks().deliveries().claimDue(now, 7, now.plusSeconds(60)))
                            .stream().filter(d -> d.endpointId() == endpoint.id()).map(WebhookDelivery::id).toList();
                    taken.addAndGet(claim.size());
                    mine.addAll(claim);
                }
                return mine;
            });
        }
        var results = Race.run(6, workers, Duration.ofMinutes(2));

        List<Long> claimed = results.stream().peek(r -> assertThat(r.error()).isNull())
                .flatMap(r -> r.value().stream()).toList();
        assertThat(claimed).doesNotHaveDuplicates().hasSize(events.size());
    }
}
