package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.EventSubject;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.port.Outbox;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

import static dev.ordersystem.mysql.MultiRowInsert.column;
import static dev.ordersystem.mysql.schema.Tables.OUTBOX;
import static dev.ordersystem.mysql.schema.Tables.OUTBOX_PUBLISHER;

/**
 * The outbox in {@code outbox}: one multi-row insert per transaction that changes orders; the
 * publisher takes its turn by locking the one {@code outbox_publisher} row {@code FOR UPDATE SKIP
 * LOCKED} (an instance that finds it locked publishes nothing this time), reads the committed
 * events without a position (READ COMMITTED: every statement sees what committed before it) and
 * numbers them after the last position, so positions commit in ascending order. Positions
 * ascend but are not consecutive.
 */
final class SqlOutbox implements Outbox {
    private static final int PUBLISHER = 1;

    private final SqlSession session;
    private final MultiRowInsert<OrderEvent> insert;
    private final RenderedSqlPerCount number;
    private final RenderedSql advance;

    SqlOutbox(SqlSession session) {
        this.session = session;
        this.insert = new MultiRowInsert<>(session, OUTBOX, List.of(
                column(OUTBOX.EVENT_TYPE, e -> e.type().wireName()),
                column(OUTBOX.ORDER_NO, e -> e.subject().key()), // an order number or product-<id>
                column(OUTBOX.PAYLOAD, OrderEvent::data),
                column(OUTBOX.CREATED_AT, e -> SqlTimes.toDb(e.occurredAt()))));
        this.advance = session.render(DSL.update(OUTBOX_PUBLISHER)
                .set(OUTBOX_PUBLISHER.LAST_POSITION, DSL.param("last", OUTBOX_PUBLISHER.LAST_POSITION))
                .where(OUTBOX_PUBLISHER.ID.eq(DSL.param("publisher", OUTBOX_PUBLISHER.ID))), "last", "publisher");
        this.number = new RenderedSqlPerCount(count -> {
            IdList ids = IdList.of(OUTBOX.ID, count);
            List<String> binds = new ArrayList<>(List.of("offset"));
            binds.addAll(ids.names());
            return session.render(DSL.update(OUTBOX).set(OUTBOX.FEED_POSITION, OUTBOX.ID.plus(DSL.param("offset", OUTBOX.ID)))
                    .where(OUTBOX.ID.in(ids.params())), binds);
        });
    }

    @Override
    public void append(List<OrderEvent> events) {
        if (events.isEmpty()) return;
        for (OrderEvent e : events) FieldLimits.check().fits(OUTBOX.PAYLOAD, e.data(), "data").orThrow();
        session.hold(insert.of(events), HeldWrites.Explanation.NONE); // sent with the transaction's next statement or commit
    }

    @Override
    public List<PublishedEvent> publishNext(int limit) {
        return session.write(db -> {
            Long last = db.select(OUTBOX_PUBLISHER.LAST_POSITION).from(OUTBOX_PUBLISHER)
                    .where(OUTBOX_PUBLISHER.ID.eq(PUBLISHER)).forUpdate().skipLocked().fetchOne(OUTBOX_PUBLISHER.LAST_POSITION);
            if (last == null) return List.of(); // another instance is publishing
            List<Record> waiting = List.copyOf(db.select(OUTBOX.ID, OUTBOX.EVENT_TYPE, OUTBOX.ORDER_NO, OUTBOX.PAYLOAD,
                            OUTBOX.CREATED_AT).from(OUTBOX)
                    .where(OUTBOX.FEED_POSITION.isNull()).orderBy(OUTBOX.ID).limit(limit).fetch());
            if (waiting.isEmpty()) return List.of();
            // Position = id + offset, the first event right after the last position: ascending with
            // the ids, so one statement per IN list numbers them (no CASE per event), with gaps
            // where ids are missing (rolled back, or committed later: published by a later batch).
            long offset = last + 1 - waiting.getFirst().get(OUTBOX.ID);
            List<PublishedEvent> published = new ArrayList<>(waiting.size());
            List<Long> ids = new ArrayList<>(waiting.size());
            for (Record row : waiting) {
                ids.add(row.get(OUTBOX.ID));
                published.add(event(row, row.get(OUTBOX.ID) + offset));
            }
            // UPDATE outbox SET feed_position = id + ? WHERE id IN (…), in lists of up to 64 ids, and
            // the publisher's last position: held, and sent together with the transaction's next
            // statement or its commit (one round trip).
            for (List<Long> chunk : RenderedSqlPerCount.inKeptCounts(ids)) {
                Object[] values = new Object[chunk.size() + 1];
                values[0] = offset;
                for (int i = 0; i < chunk.size(); i++) values[i + 1] = chunk.get(i);
                session.hold(new BoundSql(number.forCount(chunk.size()), values), HeldWrites.Explanation.NONE);
            }
            session.hold(new BoundSql(advance, new Object[] {published.getLast().position(), PUBLISHER}),
                    HeldWrites.Explanation.NONE);
            return published;
        });
    }

    @Override
    public List<PublishedEvent> after(long position, int limit) {
        return session.read(db -> db.select(OUTBOX.ID, OUTBOX.EVENT_TYPE, OUTBOX.ORDER_NO, OUTBOX.PAYLOAD, OUTBOX.CREATED_AT,
                        OUTBOX.FEED_POSITION).from(OUTBOX)
                .where(OUTBOX.FEED_POSITION.gt(position)).orderBy(OUTBOX.FEED_POSITION).limit(limit)
                .fetch(row -> event(row, row.get(OUTBOX.FEED_POSITION))));
    }

    @Override
    public long unpublished() {
        return session.read(db -> db.selectCount().from(OUTBOX).where(OUTBOX.FEED_POSITION.isNull()).fetchOne(0, Long.class));
    }

    static PublishedEvent event(Record row, long position) {
        return new PublishedEvent(row.get(OUTBOX.ID), position,
                EventType.fromWireName(row.get(OUTBOX.EVENT_TYPE)).orElseThrow(
                        () -> new IllegalStateException("unknown event type in the outbox: " + row.get(OUTBOX.EVENT_TYPE))),
                EventSubject.fromKey(row.get(OUTBOX.ORDER_NO)), row.get(OUTBOX.PAYLOAD), SqlTimes.fromDb(row.get(OUTBOX.CREATED_AT)));
    }
}
