package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventData;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.WebhookDeliveries.AttemptResult;
import dev.ordersystem.core.port.WebhookDeliveries.Claim;
import dev.ordersystem.core.port.WebhookDeliveries.NewDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A race between two webhook workers that the in-memory store cannot have (its claim is one
 * critical section) and the SQL claim can: the claim reads the due deliveries and the heads of
 * their orders without locks, then moves a delivery held back behind an earlier failed one. If,
 * between those reads and that move, the earlier one went through and another worker claimed the
 * held-back one, the move must leave that worker's lease alone; otherwise the delivery falls due
 * again at once and a third worker sends it while the second still is. The interleaving is made
 * exactly: the second worker's claim is held open until the first worker's move waits on its lock
 * (seen in {@code information_schema.PROCESSLIST}), then committed.
 */
class WebhookClaimRaceIT {
    private final TestDatabaseServer server = TestDatabaseServer.get();
    private String schema;
    private SqlDatabase first;
    private SqlDatabase second;

    @BeforeEach
    void open() {
        schema = server.createSchema();
        first = SqlDatabase.connect(server.url(TestDriver.MARIADB, schema), server.user(), server.password(), SqlOptions.defaults());
        second = SqlDatabase.connect(server.url(TestDriver.MARIADB, schema), server.user(), server.password(), SqlOptions.defaults());
    }

    @AfterEach
    void close() {
        try {
            if (second != null) second.close();
            if (first != null) first.close();
        } finally {
            server.dropSchema(schema);
        }
    }

    @Test
    void aHeldBackDeliveryAnotherWorkerClaimedMeanwhileKeepsItsLease() throws Exception {
        Storage a = first.storage();
        Storage c = second.storage();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        WebhookEndpoint endpoint = a.webhooks().endpoints().add(URI.create("https://hooks.example.com/race"), Set.of(),
                EndpointState.ENABLED, WebhookSecret.generate(new SecureRandom()), now);
        OrderNo order = new OrderNo("20261207" + System.nanoTime() % 1_000_000_000L);
        a.outbox().append(List.of(event(EventType.ORDER_PLACED, order, now), event(EventType.ORDER_PAID, order, now)));
        List<PublishedEvent> events = a.transactions().inTransaction(() -> a.outbox().publishNext(10));
        a.webhooks().deliveries().addAll(events.stream().map(e -> new NewDelivery(endpoint.id(), e, now.minusSeconds(10))).toList());

        // The first event (placed) was sent once and refused; it goes again in 5 s. The second (paid) waits behind it.
        WebhookDelivery placed = a.transactions().inTransaction(() -> a.webhooks().deliveries().claimDue(now, 10, now.plusSeconds(33)))
                .getFirst();
        a.webhooks().deliveries().record(new AttemptResult(Claim.of(placed), DeliveryStatus.PENDING, now.plusSeconds(5), 503,
                "answered 503", 4, now));
        // C claims its retry when it falls due (leased for a second), and sends it.
        WebhookDelivery retry = c.transactions().inTransaction(() ->
                c.webhooks().deliveries().claimDue(now.plusSeconds(5), 10, now.plusSeconds(6))).getFirst();
        assertThat(retry.id()).isEqualTo(placed.id());

        // Worker C: the retry of "placed" went through (recorded), and in the same transaction C claims "paid",
        // now its order's head: its next attempt moves to the end of C's lease. C holds its transaction open.
        ExecutorService workers = Executors.newFixedThreadPool(2);
        CountDownLatch claimedInC = new CountDownLatch(1);
        CountDownLatch commitC = new CountDownLatch(1);
        Instant leaseOfC = now.plusSeconds(33);
        Future<List<WebhookDelivery>> claimedByC = workers.submit(() -> c.transactions().inTransaction(() -> {
            c.webhooks().deliveries().record(new AttemptResult(Claim.of(retry), DeliveryStatus.DELIVERED, now, 204, null, 3, now));
            List<WebhookDelivery> claimed = c.webhooks().deliveries().claimDue(now, 10, leaseOfC);
            claimedInC.countDown();
            await(commitC);
            return claimed;
        }));
        await(claimedInC);
        // Worker A claims meanwhile: its reads (committed rows only) see "placed" pending and failed, "paid"
        // held back behind it; moving "paid" back waits on C's lock.
        Future<List<WebhookDelivery>> claimedByA = workers.submit(() ->
                a.transactions().inTransaction(() -> a.webhooks().deliveries().claimDue(now, 10, now.plusSeconds(33))));
        awaitLockWait();
        commitC.countDown();
        workers.shutdown();

        assertThat(claimedByC.get(1, TimeUnit.MINUTES)).extracting(d -> d.event().type()).containsExactly(EventType.ORDER_PAID);
        assertThat(claimedByA.get(1, TimeUnit.MINUTES)).as("nothing is A's to send").isEmpty();
        WebhookDelivery paid = a.webhooks().deliveries().find(claimedByC.get().getFirst().id()).orElseThrow();
        assertThat(paid.nextAttemptAt()).as("C's lease, untouched by A's stale move").isEqualTo(leaseOfC);
        assertThat(a.transactions().inTransaction(() -> a.webhooks().deliveries().claimDue(now.plusSeconds(2), 10,
                now.plusSeconds(35)))).as("no second worker sends it while C does").isEmpty();
    }

    private static OrderEvent event(EventType type, OrderNo order, Instant at) {
        return new OrderEvent(type, order, new EventData().text("orderNo", order.value()).json(), at);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until A's move (an UPDATE of webhook_delivery) is under way on this test's schema: the row is C's, so the
     * UPDATE cannot end before C commits. Seen in the process list, not as INNODB_TRX's 'LOCK WAIT': for a user other
     * than root, MariaDB 10.11 showed that UPDATE as "Updating" while INNODB_TRX still said RUNNING.
     */
    private void awaitLockWait() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (Connection db = DriverManager.getConnection(server.url(TestDriver.MARIADB, schema), server.user(), server.password());
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                     + " WHERE DB = ? AND INFO LIKE 'update `webhook_delivery`%'")) {
            query.setString(1, schema);
            while (System.nanoTime() < deadline) {
                try (ResultSet found = query.executeQuery()) {
                    found.next();
                    if (found.getLong(1) > 0) return;
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read information_schema.PROCESSLIST", e);
        }
        throw new AssertionError("no UPDATE of webhook_delivery under way on " + schema + " within a minute");
    }
}
