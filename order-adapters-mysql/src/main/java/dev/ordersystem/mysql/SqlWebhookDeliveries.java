package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.DeliveryStatus;
import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.WebhookDeliveries;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.ordersystem.mysql.schema.Tables.OUTBOX;
import static dev.ordersystem.mysql.schema.Tables.WEBHOOK_ATTEMPT;
import static dev.ordersystem.mysql.MultiRowInsert.column;
import static dev.ordersystem.mysql.schema.Tables.WEBHOOK_DELIVERY;
import static dev.ordersystem.mysql.schema.Tables.WEBHOOK_ENDPOINT;

/**
 * Webhook deliveries in {@code webhook_delivery}. A claim is a few short statements: read the
 * due deliveries in due order, keep those that are the earliest pending one of their
 * (endpoint, order) — plain reads; the others are moved back behind their order's earlier one —,
 * lock those still pending and due {@code FOR UPDATE SKIP LOCKED} (the locking read sees the
 * latest commit, so one another worker claimed meanwhile is no longer due), and move their next
 * attempt to the end of the lease. The head check stays out of the locking statement on purpose:
 * a subquery there would, on some servers, lock (and so skip) the rows it only has to look at.
 */
final class SqlWebhookDeliveries implements WebhookDeliveries {
    private static final String PENDING = DeliveryStatus.PENDING.name();
    private static final int CANDIDATES_PER_CLAIM = 4;

    private final SqlSession session;
    private final MultiRowInsert<NewDelivery> insert;
    /** Recording a batch's outcomes runs it once per attempt: rendered once. */
    private final RenderedSql record;

    SqlWebhookDeliveries(SqlSession session) {
        this.session = session;
        this.insert = new MultiRowInsert<>(session, WEBHOOK_DELIVERY, List.of(
                column(WEBHOOK_DELIVERY.ENDPOINT_ID, NewDelivery::endpointId),
                column(WEBHOOK_DELIVERY.EVENT_ID, d -> d.event().id()),
                // The subject's key, as the outbox row holds it (SqlOutbox): an order number or product-<id>.
                column(WEBHOOK_DELIVERY.ORDER_NO, d -> d.event().subject().key()),
                column(WEBHOOK_DELIVERY.EVENT_POSITION, d -> d.event().position()),
                column(WEBHOOK_DELIVERY.STATUS, d -> PENDING),
                column(WEBHOOK_DELIVERY.ATTEMPTS, d -> 0),
                column(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, d -> SqlTimes.toDb(d.dueAt())),
                column(WEBHOOK_DELIVERY.LAST_STATUS_CODE, d -> 0),
                column(WEBHOOK_DELIVERY.LAST_LATENCY_MS, d -> 0L),
                column(WEBHOOK_DELIVERY.CREATED_AT, d -> SqlTimes.toDb(d.dueAt()))));
        this.record = session.render(DSL.update(WEBHOOK_DELIVERY)
                        .set(WEBHOOK_DELIVERY.STATUS, DSL.param("status", WEBHOOK_DELIVERY.STATUS))
                        .set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(DSL.inline(1)))
                        .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, DSL.param("next", WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT))
                        .set(WEBHOOK_DELIVERY.LAST_STATUS_CODE, DSL.param("code", WEBHOOK_DELIVERY.LAST_STATUS_CODE))
                        .set(WEBHOOK_DELIVERY.LAST_ERROR, DSL.param("error", WEBHOOK_DELIVERY.LAST_ERROR))
                        .set(WEBHOOK_DELIVERY.LAST_LATENCY_MS, DSL.param("latency", WEBHOOK_DELIVERY.LAST_LATENCY_MS))
                        .set(WEBHOOK_DELIVERY.SETTLED_AT, DSL.param("settled", WEBHOOK_DELIVERY.SETTLED_AT))
                        .where(WEBHOOK_DELIVERY.ID.eq(DSL.param("id", WEBHOOK_DELIVERY.ID)))
                        .and(WEBHOOK_DELIVERY.STATUS.eq(DSL.inline(PENDING)))
                        .and(WEBHOOK_DELIVERY.ATTEMPTS.eq(DSL.param("attempts", WEBHOOK_DELIVERY.ATTEMPTS)))
                        .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.eq(DSL.param("lease", WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT))),
                "status", "next", "code", "error", "latency", "settled", "id", "attempts", "lease");
    }

    @Override
    public void addAll(List<NewDelivery> deliveries) {
        // INSERT INTO webhook_delivery … VALUES (…), (…), in statements of up to 64 rows (rendered
        // once per row count), held and sent together with the transaction's next statement or commit.
        for (List<NewDelivery> chunk : RenderedSqlPerCount.inKeptCounts(deliveries)) {
            session.hold(insert.of(chunk), HeldWrites.Explanation.NONE);
        }
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, int limit, Instant leaseUntil) {
        return session.write(db -> {
            LocalDateTime at = SqlTimes.toDb(now);
            // The enabled endpoints as a list of values, not a subquery: with a subquery the
            // optimizer drives the claim from the endpoint table and sorts every pending delivery.
            List<Long> enabled = enabledEndpoints(db);
            if (enabled.isEmpty()) return List.of();
            // Due deliveries in due order: a range of ix_webhook_delivery_due, cheap however long the backlog.
            List<Record> due = List.copyOf(db.select(WEBHOOK_DELIVERY.ID, WEBHOOK_DELIVERY.ENDPOINT_ID, WEBHOOK_DELIVERY.ORDER_NO,
                            WEBHOOK_DELIVERY.EVENT_POSITION).from(WEBHOOK_DELIVERY)
                    .where(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                    .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(at))
                    .and(WEBHOOK_DELIVERY.ENDPOINT_ID.in(enabled))
                    .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)
                    .limit(limit * CANDIDATES_PER_CLAIM)
                    .fetch());
            if (due.isEmpty()) return List.of();
            // The earliest pending delivery of each of their (endpoint, order): only it may go.
            Map<String, Record> firsts = new java.util.HashMap<>();
            db.select(WEBHOOK_DELIVERY.ENDPOINT_ID, WEBHOOK_DELIVERY.ORDER_NO, WEBHOOK_DELIVERY.EVENT_POSITION,
                            WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT).from(WEBHOOK_DELIVERY)
                    .where(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                    .and(WEBHOOK_DELIVERY.ENDPOINT_ID.in(enabled))
                    .and(WEBHOOK_DELIVERY.ORDER_NO.in(due.stream().map(r -> r.get(WEBHOOK_DELIVERY.ORDER_NO)).distinct().toList()))
                    .fetch().forEach(r -> firsts.merge(key(r), r, (a, b) ->
                            a.get(WEBHOOK_DELIVERY.EVENT_POSITION) <= b.get(WEBHOOK_DELIVERY.EVENT_POSITION) ? a : b));
            List<Long> heads = new ArrayList<>();
            for (Record r : due) {
                Record first = firsts.get(key(r));
                if (first == null || first.get(WEBHOOK_DELIVERY.EVENT_POSITION).equals(r.get(WEBHOOK_DELIVERY.EVENT_POSITION))) {
                    heads.add(r.get(WEBHOOK_DELIVERY.ID));
                    continue;
                }
                // Held back behind an earlier event of its order that has failed before: due again
                // when that one's next attempt is, but at most a second from now (the earlier one may
                // be in flight under a lease, and once it is through this one should follow soon),
                // so held-back deliveries do not crowd the due ones out of every claim.
                LocalDateTime headNext = first.get(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT);
                LocalDateTime soon = SqlTimes.toDb(now.plusSeconds(1));
                if (headNext.isAfter(soon)) headNext = soon;
                if (first.get(WEBHOOK_DELIVERY.ATTEMPTS) > 0 && headNext.isAfter(at)) {
                    // Only while it is still due: the two reads above are no lock, and since them
                    // the earlier event may have gone through and another worker claimed this one
                    // (its next attempt moved to the end of its lease). Moving that back would end
                    // the lease early: a third worker would send it again while the second still is.
                    db.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, headNext)
                            .where(WEBHOOK_DELIVERY.ID.eq(r.get(WEBHOOK_DELIVERY.ID)))
                            .and(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                            .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(at))
                            .execute();
                }
            }
            if (heads.isEmpty()) return List.of();
            // Workers claiming at the same moment read the same candidates: each takes the first
            // `limit` of them that nobody holds, so a racing worker gets the next ones, not nothing.
            List<Record> locked = List.copyOf(db.select().from(WEBHOOK_DELIVERY)
                    .where(WEBHOOK_DELIVERY.ID.in(heads))
                    .and(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                    .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(at))
                    .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch());
            if (locked.isEmpty()) return List.of();
            List<Long> ids = locked.stream().map(r -> r.get(WEBHOOK_DELIVERY.ID)).toList();
            LocalDateTime lease = SqlTimes.toDb(leaseUntil);
            db.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, lease)
                    .where(WEBHOOK_DELIVERY.ID.in(ids)).execute();
            Map<Long, Record> events = events(db, locked.stream().map(r -> r.get(WEBHOOK_DELIVERY.EVENT_ID)).distinct().toList());
            List<WebhookDelivery> claimed = new ArrayList<>();
            for (Record row : locked) {
                // As claimed: the lease as stored (to the microsecond), which recording an outcome compares with.
                row.set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, lease);
                claimed.add(delivery(row, eventOf(events.get(row.get(WEBHOOK_DELIVERY.EVENT_ID)))));
            }
            return claimed;
        });
    }

    @Override
    public void recordAll(List<AttemptResult> results) {
        if (results.isEmpty()) return;
        session.run(db -> {
            // UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, … WHERE id = ? AND status = 'PENDING'
            // AND attempts = ? AND next_attempt_at = ? (the worker still holds its claim), once per result as one
            // JDBC batch (one round trip for a worker's batch).
            List<Object[]> rows = new ArrayList<>();
            for (AttemptResult r : results) {
                rows.add(new Object[] {r.status().name(), SqlTimes.toDb(r.nextAttemptAt()), r.statusCode(), r.error(),
                        r.latencyMillis(), r.status().settled() ? SqlTimes.toDb(r.at()) : null, r.deliveryId(),
                        r.claim().attempts(), SqlTimes.toDb(r.claim().leaseUntil())});
            }
            record.executeBatch(db, rows);
            // INSERT INTO webhook_attempt … VALUES (…), (…): every attempt, also one a late worker reports.
            var insert = db.insertInto(WEBHOOK_ATTEMPT, WEBHOOK_ATTEMPT.DELIVERY_ID, WEBHOOK_ATTEMPT.ATTEMPTED_AT,
                    WEBHOOK_ATTEMPT.STATUS_CODE, WEBHOOK_ATTEMPT.LATENCY_MS, WEBHOOK_ATTEMPT.ERROR);
            for (AttemptResult r : results) {
                insert = insert.values(r.deliveryId(), SqlTimes.toDb(r.at()), r.statusCode(), r.latencyMillis(), r.error());
            }
            insert.execute();
        });
    }

    @Override
    public Map<Long, List<WebhookAttempt>> attemptsOf(Collection<Long> deliveryIds, int perDelivery) {
        if (deliveryIds.isEmpty()) return Map.of();
        // SELECT … FROM webhook_attempt WHERE delivery_id IN (…) ORDER BY delivery_id, id DESC (ix_webhook_attempt_delivery)
        Map<Long, List<WebhookAttempt>> found = new HashMap<>();
        session.read(db -> db.select(WEBHOOK_ATTEMPT.DELIVERY_ID, WEBHOOK_ATTEMPT.ATTEMPTED_AT, WEBHOOK_ATTEMPT.STATUS_CODE,
                        WEBHOOK_ATTEMPT.LATENCY_MS, WEBHOOK_ATTEMPT.ERROR).from(WEBHOOK_ATTEMPT)
                .where(WEBHOOK_ATTEMPT.DELIVERY_ID.in(deliveryIds))
                .orderBy(WEBHOOK_ATTEMPT.DELIVERY_ID, WEBHOOK_ATTEMPT.ID.desc())
                .fetch()).forEach(row -> {
                    List<WebhookAttempt> its = found.computeIfAbsent(row.value1(), id -> new ArrayList<>());
                    if (its.size() < perDelivery) {
                        its.add(new WebhookAttempt(SqlTimes.fromDb(row.value2()), row.value3(), row.value4(), row.value5()));
                    }
                });
        found.replaceAll((id, its) -> List.copyOf(its));
        return found;
    }

    @Override
    public Optional<WebhookDelivery> find(long id) {
        return session.read(db -> withEvents(db, WEBHOOK_DELIVERY.ID.eq(id), 1).stream().findFirst());
    }

    @Override
    public Page<WebhookDelivery> ofEndpoint(long endpointId, PageRequest page) {
        Condition older = page.after().isPresent() ? WEBHOOK_DELIVERY.ID.lt(KeysetPages.longKey(page.after())) : DSL.noCondition();
        List<WebhookDelivery> rows = session.read(db ->
                withEvents(db, WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId).and(older), page.limit() + 1));
        return KeysetPages.page(rows, page.limit(), d -> Long.toString(d.id()));
    }

    @Override
    public void retry(long id, Instant now) {
        int updated = session.write(db -> db.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, PENDING)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, SqlTimes.toDb(now))
                .set(WEBHOOK_DELIVERY.SETTLED_AT, (LocalDateTime) null)
                .where(WEBHOOK_DELIVERY.ID.eq(id))
                .execute());
        if (updated == 0) throw new NotFound("webhook delivery " + id);
    }

    @Override
    public Optional<Instant> earliestDue(Instant now) {
        LocalDateTime earliest = session.read(db -> {
            List<Long> enabled = enabledEndpoints(db);
            if (enabled.isEmpty()) return null;
            return db.select(DSL.min(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)).from(WEBHOOK_DELIVERY)
                    .where(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                    .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(SqlTimes.toDb(now)))
                    .and(WEBHOOK_DELIVERY.ENDPOINT_ID.in(enabled))
                    .fetchOne(0, LocalDateTime.class);
        });
        return Optional.ofNullable(earliest).map(SqlTimes::fromDb);
    }

    private static String key(Record r) {
        return r.get(WEBHOOK_DELIVERY.ENDPOINT_ID) + "|" + r.get(WEBHOOK_DELIVERY.ORDER_NO);
    }

    private static List<Long> enabledEndpoints(DSLContext db) {
        return db.select(WEBHOOK_ENDPOINT.ID).from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.STATE.eq(EndpointState.ENABLED.name())).fetch(WEBHOOK_ENDPOINT.ID);
    }

    /** Deliveries matching {@code where}, newest first, each with its event. */
    private static List<WebhookDelivery> withEvents(DSLContext db, Condition where, int limit) {
        return db.select().from(WEBHOOK_DELIVERY).join(OUTBOX).on(OUTBOX.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                .where(where).orderBy(WEBHOOK_DELIVERY.ID.desc()).limit(limit)
                .fetch(row -> delivery(row, eventOf(row)));
    }

    private static Map<Long, Record> events(DSLContext db, List<Long> ids) {
        return db.select(OUTBOX.ID, OUTBOX.EVENT_TYPE, OUTBOX.ORDER_NO, OUTBOX.PAYLOAD, OUTBOX.CREATED_AT, OUTBOX.FEED_POSITION)
                .from(OUTBOX).where(OUTBOX.ID.in(ids)).fetch().stream()
                .collect(Collectors.toMap(r -> r.get(OUTBOX.ID), Function.identity()));
    }

    private static PublishedEvent eventOf(Record row) {
        return SqlOutbox.event(row, row.get(OUTBOX.FEED_POSITION));
    }

    private static WebhookDelivery delivery(Record row, PublishedEvent event) {
        LocalDateTime settled = row.get(WEBHOOK_DELIVERY.SETTLED_AT);
        return new WebhookDelivery(row.get(WEBHOOK_DELIVERY.ID), row.get(WEBHOOK_DELIVERY.ENDPOINT_ID), event,
                DeliveryStatus.valueOf(row.get(WEBHOOK_DELIVERY.STATUS)), row.get(WEBHOOK_DELIVERY.ATTEMPTS),
                SqlTimes.fromDb(row.get(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)), row.get(WEBHOOK_DELIVERY.LAST_STATUS_CODE),
                row.get(WEBHOOK_DELIVERY.LAST_ERROR), row.get(WEBHOOK_DELIVERY.LAST_LATENCY_MS),
                SqlTimes.fromDb(row.get(WEBHOOK_DELIVERY.CREATED_AT)), settled == null ? null : SqlTimes.fromDb(settled));
    }
}
