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
 * numbers them after the last position, so positions commit in ascending order.
 */
final class SqlOutbox implements Outbox {
    private static final int PUBLISHER = 1;

    private final SqlSession session;
    private final MultiRowInsert<OrderEvent> insert;

    SqlOutbox(SqlSession session) {
        this.session = session;
        this.insert = new MultiRowInsert<>(session, OUTBOX, List.of(
                column(OUTBOX.EVENT_TYPE, e -> e.type().wireName()),
                column(OUTBOX.ORDER_NO, e -> e.subject().key()), // an order number or product-<id>
                column(OUTBOX.PAYLOAD, OrderEvent::data),
                column(OUTBOX.CREATED_AT, e -> SqlTimes.toDb(e.occurredAt()))));
    }

    @Override
    public void append(List<OrderEvent> events) {
        if (events.isEmpty()) return;
        for (OrderEvent e : events) FieldLimits.check().fits(OUTBOX.PAYLOAD, e.data(), "data").orThrow();
        session.run(db -> insert.execute(db, events));
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
            List<PublishedEvent> published = new ArrayList<>();
            long position = last;
            var positions = DSL.choose(OUTBOX.ID);
            org.jooq.CaseWhenStep<Long, Long> numbered = null;
            List<Long> ids = new ArrayList<>();
            for (Record row : waiting) {
                position++;
                published.add(event(row, position));
                Long id = row.get(OUTBOX.ID);
                ids.add(id);
                numbered = numbered == null ? positions.when(id, DSL.val(position)) : numbered.when(id, DSL.val(position));
            }
            // One statement for the batch: SET feed_position = CASE id WHEN … THEN … END WHERE id IN (…).
            db.update(OUTBOX).set(OUTBOX.FEED_POSITION, numbered).where(OUTBOX.ID.in(ids)).execute();
            db.update(OUTBOX_PUBLISHER).set(OUTBOX_PUBLISHER.LAST_POSITION, position)
                    .where(OUTBOX_PUBLISHER.ID.eq(PUBLISHER)).execute();
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
