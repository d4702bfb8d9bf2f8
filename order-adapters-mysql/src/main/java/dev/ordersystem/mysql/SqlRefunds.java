package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundLine;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.domain.StockReturn;
import dev.ordersystem.core.port.Refunds;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.PAYMENT_RECORD;
import static dev.ordersystem.mysql.schema.Tables.REFUND;
import static dev.ordersystem.mysql.schema.Tables.REFUND_LINE;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

/**
 * Refunds in {@code refund} and their quantities in {@code refund_line}. The unique indexes are
 * the guarantees: one row per out_refund_no and per (order, sequence), one late-payment refund per
 * payment ({@code late_payment_key}).
 */
final class SqlRefunds implements Refunds {
    private static final String NO_KEY = "uk_refund_no";
    private static final String ORDER_KEY = "uk_refund_order";
    private static final String LATE_KEY = "uk_refund_late_payment";

    private final SqlSession session;
    private final SqlPaymentRecords payments;

    SqlRefunds(SqlSession session) {
        this.session = session;
        this.payments = new SqlPaymentRecords(session);
    }

    @Override
    public void add(Refund refund) {
        session.run(db -> {
            try {
                db.insertInto(REFUND)
                        .set(REFUND.OUT_REFUND_NO, refund.refundNo().value())
                        .set(REFUND.ORDER_NO, refund.orderNo().value())
                        .set(REFUND.SEQUENCE, refund.refundNo().sequence())
                        .set(REFUND.PURPOSE, refund.purpose().name())
                        .set(REFUND.METHOD, refund.method().name())
                        .set(REFUND.TRADE_NO, refund.tradeNo().orElse(null))
                        .set(REFUND.LATE_PAYMENT_KEY, refund.purpose() == RefundPurpose.LATE_PAYMENT ? latePaymentKey(refund) : null)
                        .set(REFUND.PAID_TOTAL, refund.paidTotal().minor())
                        .set(REFUND.AMOUNT, refund.amount().minor())
                        .set(REFUND.CURRENCY, refund.amount().currency().getCurrencyCode())
                        .set(REFUND.REASON, refund.reason())
                        .set(REFUND.STOCK_RETURN, refund.stockReturn().name())
                        .set(REFUND.CREATED_AT, SqlTimes.toDb(refund.createdAt()))
                        .set(changingColumns(refund))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isDuplicate(e, NO_KEY) || SqlErrors.isDuplicate(e, ORDER_KEY)) {
                    throw new IllegalStateException("refund " + refund.refundNo() + " exists");
                }
                if (SqlErrors.isDuplicate(e, LATE_KEY)) {
                    throw new IllegalStateException("payment " + latePaymentKey(refund) + " has a refund");
                }
                throw e;
            }
            for (RefundLine line : refund.lines()) {
                db.insertInto(REFUND_LINE)
                        .set(REFUND_LINE.OUT_REFUND_NO, refund.refundNo().value())
                        .set(REFUND_LINE.PRODUCT_ID, line.productId().value())
                        .set(REFUND_LINE.QUANTITY, line.quantity())
                        .execute();
            }
        });
    }

    @Override
    public Optional<Refund> find(RefundNo refundNo) {
        return session.read(db -> fetch(db, REFUND.OUT_REFUND_NO.eq(refundNo.value()), 1).stream().findFirst());
    }

    @Override
    public List<Refund> findByOrder(OrderNo orderNo) {
        return session.read(db -> fetch(db, REFUND.ORDER_NO.eq(orderNo.value()), Integer.MAX_VALUE));
    }

    /** Locks the due rows (skipping those another instance holds), moves their next try to the lease, and commits. */
    @Override
    public List<Refund> claimDue(Instant now, int limit, Instant leaseUntil) {
        return session.write(db -> {
            List<Record> locked = List.copyOf(db.select().from(REFUND)
                    .where(REFUND.STATE.eq(RefundState.PENDING.name()))
                    .and(REFUND.NEXT_TRY_AT.le(SqlTimes.toDb(now)))
                    .orderBy(REFUND.NEXT_TRY_AT, REFUND.ID)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch());
            if (locked.isEmpty()) return List.of();
            List<String> numbers = locked.stream().map(r -> r.get(REFUND.OUT_REFUND_NO)).toList();
            db.update(REFUND).set(REFUND.NEXT_TRY_AT, SqlTimes.toDb(leaseUntil))
                    .where(REFUND.OUT_REFUND_NO.in(numbers)).execute();
            Map<String, List<RefundLine>> lines = lines(db, numbers);
            List<Refund> claimed = new ArrayList<>();
            for (Record row : locked) {
                Refund r = refund(row, lines);
                claimed.add(new Refund(r.refundNo(), r.orderNo(), r.purpose(), r.method(), r.tradeNo(), r.paidTotal(),
                        r.amount(), r.reason(), r.lines(), r.stockReturn(), r.state(), r.failure(), r.providerState(),
                        r.tries(), r.createdAt(), leaseUntil, r.endedAt()));
            }
            return claimed;
        });
    }

    @Override
    public List<Refund> findPendingCreatedBefore(Instant cutoff, int limit) {
        return session.read(db -> fetch(db, REFUND.STATE.eq(RefundState.PENDING.name())
                .and(REFUND.CREATED_AT.lt(SqlTimes.toDb(cutoff))), limit));
    }

    @Override
    public long countPending() {
        return session.read(db -> db.fetchCount(REFUND, REFUND.STATE.eq(RefundState.PENDING.name())));
    }

    @Override
    public List<Refund> findSettledBetween(Instant from, Instant to) {
        return session.read(db -> {
            List<Record> rows = List.copyOf(db.select().from(REFUND)
                    .where(REFUND.ENDED_AT.ge(SqlTimes.toDb(from))).and(REFUND.ENDED_AT.lt(SqlTimes.toDb(to)))
                    .orderBy(REFUND.ENDED_AT, REFUND.ID).fetch());
            return refunds(db, rows);
        });
    }

    @Override
    public List<PaymentRecord> latePaymentsWithoutRefund(int limit) {
        return session.read(db -> db.selectFrom(PAYMENT_RECORD)
                .where(PAYMENT_RECORD.STATUS.eq(PaymentStatus.REFUND_REQUIRED.name()))
                .and(notExists(selectOne().from(REFUND)
                        .where(REFUND.TRADE_NO.eq(PAYMENT_RECORD.TRADE_NO)).and(REFUND.METHOD.eq(PAYMENT_RECORD.CHANNEL))))
                .orderBy(PAYMENT_RECORD.ID)
                .limit(limit)
                .fetch(payments::record));
    }

    @Override
    public Optional<Refund> findForPayment(PaymentRecord payment) {
        return session.read(db -> fetch(db, REFUND.LATE_PAYMENT_KEY.eq(payment.channel() + "/" + payment.tradeNo()), 1)
                .stream().findFirst());
    }

    @Override
    public void update(Refund changed, RefundState expected) {
        int updated = session.write(db -> db.update(REFUND)
                .set(changingColumns(changed))
                .where(REFUND.OUT_REFUND_NO.eq(changed.refundNo().value()))
                .and(REFUND.STATE.eq(expected.name()))
                .execute());
        if (updated == 0) throw new NotFound("refund " + changed.refundNo() + " in state " + expected);
    }

    private List<Refund> fetch(DSLContext db, Condition where, int limit) {
        List<Record> rows = List.copyOf(db.select().from(REFUND).where(where)
                .orderBy(REFUND.ORDER_NO, REFUND.SEQUENCE).limit(limit).fetch());
        return refunds(db, rows);
    }

    private List<Refund> refunds(DSLContext db, List<Record> rows) {
        if (rows.isEmpty()) return List.of();
        Map<String, List<RefundLine>> lines = lines(db, rows.stream().map(r -> r.get(REFUND.OUT_REFUND_NO)).toList());
        return rows.stream().map(row -> refund(row, lines)).toList();
    }

    private static Map<String, List<RefundLine>> lines(DSLContext db, Collection<String> numbers) {
        Map<String, List<RefundLine>> lines = new LinkedHashMap<>();
        db.selectFrom(REFUND_LINE).where(REFUND_LINE.OUT_REFUND_NO.in(numbers))
                .orderBy(REFUND_LINE.OUT_REFUND_NO, REFUND_LINE.PRODUCT_ID)
                .fetch()
                .forEach(row -> lines.computeIfAbsent(row.get(REFUND_LINE.OUT_REFUND_NO), no -> new ArrayList<>())
                        .add(new RefundLine(new ProductId(row.get(REFUND_LINE.PRODUCT_ID)), row.get(REFUND_LINE.QUANTITY))));
        return lines;
    }

    /** The columns a refund's life changes, written alike by the insert and the guarded update. */
    private static Map<Field<?>, Object> changingColumns(Refund refund) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(REFUND.STATE, refund.state().name());
        columns.put(REFUND.FAILURE, refund.failure().map(s -> cut(s, 512)).orElse(null));
        columns.put(REFUND.PROVIDER_STATE, refund.providerState().map(s -> cut(s, 64)).orElse(null));
        columns.put(REFUND.TRIES, refund.tries());
        columns.put(REFUND.NEXT_TRY_AT, SqlTimes.toDb(refund.nextTryAt()));
        columns.put(REFUND.ENDED_AT, refund.endedAt().map(SqlTimes::toDb).orElse(null));
        return columns;
    }

    private static String latePaymentKey(Refund refund) {
        return refund.channel().orElseThrow() + "/" + refund.tradeNo().orElseThrow();
    }

    /** A provider's word or a failure as logged, cut to its column: it is a note, never a key. */
    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private Refund refund(Record row, Map<String, List<RefundLine>> lines) {
        String no = row.get(REFUND.OUT_REFUND_NO);
        String currency = row.get(REFUND.CURRENCY);
        return new Refund(
                new RefundNo(no),
                new OrderNo(row.get(REFUND.ORDER_NO)),
                RefundPurpose.valueOf(row.get(REFUND.PURPOSE)),
                PaymentMethod.valueOf(row.get(REFUND.METHOD)),
                Optional.ofNullable(row.get(REFUND.TRADE_NO)),
                session.money(row.get(REFUND.PAID_TOTAL), currency),
                session.money(row.get(REFUND.AMOUNT), currency),
                row.get(REFUND.REASON),
                lines.getOrDefault(no, List.of()),
                StockReturn.valueOf(row.get(REFUND.STOCK_RETURN)),
                RefundState.valueOf(row.get(REFUND.STATE)),
                Optional.ofNullable(row.get(REFUND.FAILURE)),
                Optional.ofNullable(row.get(REFUND.PROVIDER_STATE)),
                row.get(REFUND.TRIES),
                SqlTimes.fromDb(row.get(REFUND.CREATED_AT)),
                SqlTimes.fromDb(row.get(REFUND.NEXT_TRY_AT)),
                Optional.ofNullable(SqlTimes.fromDb(row.get(REFUND.ENDED_AT))));
    }
}
