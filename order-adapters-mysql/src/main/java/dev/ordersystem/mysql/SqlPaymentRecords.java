package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.DuplicatePaymentRecord;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.PaymentRecords;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.PAYMENT_RECORD;

/**
 * Payment records in {@code payment_record}; the unique (channel, trade_no) records a notification
 * once. An amount in another currency than the store's keeps its currency in {@code currency}.
 */
final class SqlPaymentRecords implements PaymentRecords {
    private static final String TRADE_KEY = "uk_payment_record_trade";

    private final SqlSession session;

    SqlPaymentRecords(SqlSession session) {
        this.session = session;
    }

    @Override
    public void add(PaymentRecord record) {
        // Another currency than the store's is a payment to reconcile, never refused: NULL keeps the store's.
        Currency currency = record.amount().currency();
        String foreign = session.currency().equals(currency) ? null : currency.getCurrencyCode();
        FieldLimits.check().fits(PAYMENT_RECORD.TRADE_NO, record.tradeNo(), "tradeNo").orThrow();
        session.run(db -> {
            try {
                db.insertInto(PAYMENT_RECORD)
                        .set(PAYMENT_RECORD.CHANNEL, record.channel().name())
                        .set(PAYMENT_RECORD.TRADE_NO, record.tradeNo())
                        .set(PAYMENT_RECORD.ORDER_NO, record.orderNo().value())
                        .set(PAYMENT_RECORD.AMOUNT, record.amount().minor())
                        .set(PAYMENT_RECORD.CURRENCY, foreign)
                        .set(PAYMENT_RECORD.PAID_AT, SqlTimes.toDb(record.paidAt()))
                        .set(PAYMENT_RECORD.STATUS, record.status().name())
                        .set(PAYMENT_RECORD.RAW_NOTIFICATION, record.rawNotification())
                        .set(PAYMENT_RECORD.RECORDED_AT, SqlTimes.toDb(record.recordedAt() == null
                                ? session.clock().instant() : record.recordedAt()))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isDuplicate(e, TRADE_KEY)) throw new DuplicatePaymentRecord(record.channel(), record.tradeNo());
                throw e;
            }
        });
    }

    @Override
    public Optional<PaymentRecord> find(PaymentChannel channel, String tradeNo) {
        return session.read(db -> db.selectFrom(PAYMENT_RECORD)
                .where(PAYMENT_RECORD.CHANNEL.eq(channel.name()))
                .and(PAYMENT_RECORD.TRADE_NO.eq(tradeNo))
                .fetchOptional(this::record));
    }

    @Override
    public List<PaymentRecord> findByOrder(OrderNo orderNo) {
        return session.read(db -> db.selectFrom(PAYMENT_RECORD)
                .where(PAYMENT_RECORD.ORDER_NO.eq(orderNo.value()))
                .orderBy(PAYMENT_RECORD.ID)
                .fetch(this::record));
    }

    /** Oldest first; the page key is the row id. */
    @Override
    public long countInStatus(PaymentStatus status) {
        // SELECT COUNT(*) FROM payment_record WHERE status = ? (index ix_payment_record_status)
        return session.read(db -> db.selectCount().from(PAYMENT_RECORD).where(PAYMENT_RECORD.STATUS.eq(status.name()))
                .fetchOne(0, Long.class));
    }

    @Override
    public Page<PaymentRecord> findByStatus(PaymentStatus status, PageRequest page) {
        long after = KeysetPages.longKey(page.after());
        List<Map.Entry<Long, PaymentRecord>> rows = session.read(db -> db.selectFrom(PAYMENT_RECORD)
                .where(PAYMENT_RECORD.STATUS.eq(status.name()))
                .and(PAYMENT_RECORD.ID.gt(after))
                .orderBy(PAYMENT_RECORD.ID)
                .limit(page.limit() + 1)
                .fetch(row -> Map.entry(row.get(PAYMENT_RECORD.ID), record(row))));
        Page<Map.Entry<Long, PaymentRecord>> keyed = KeysetPages.page(rows, page.limit(), e -> Long.toString(e.getKey()));
        return new Page<>(keyed.items().stream().map(Map.Entry::getValue).toList(), keyed.next());
    }

    @Override
    public void update(PaymentRecord changed, PaymentStatus expected) {
        int updated = session.write(db -> db.update(PAYMENT_RECORD)
                .set(PAYMENT_RECORD.STATUS, changed.status().name())
                .where(PAYMENT_RECORD.CHANNEL.eq(changed.channel().name()))
                .and(PAYMENT_RECORD.TRADE_NO.eq(changed.tradeNo()))
                .and(PAYMENT_RECORD.STATUS.eq(expected.name()))
                .execute());
        if (updated == 0) throw new NotFound(expected + " payment " + changed.channel() + "/" + changed.tradeNo());
    }

    PaymentRecord record(Record row) {
        return new PaymentRecord(
                PaymentChannel.valueOf(row.get(PAYMENT_RECORD.CHANNEL)),
                row.get(PAYMENT_RECORD.TRADE_NO),
                new OrderNo(row.get(PAYMENT_RECORD.ORDER_NO)),
                session.money(row.get(PAYMENT_RECORD.AMOUNT), row.get(PAYMENT_RECORD.CURRENCY)),
                SqlTimes.fromDb(row.get(PAYMENT_RECORD.PAID_AT)),
                PaymentStatus.valueOf(row.get(PAYMENT_RECORD.STATUS)),
                row.get(PAYMENT_RECORD.RAW_NOTIFICATION),
                SqlTimes.fromDb(row.get(PAYMENT_RECORD.RECORDED_AT)));
    }
}
