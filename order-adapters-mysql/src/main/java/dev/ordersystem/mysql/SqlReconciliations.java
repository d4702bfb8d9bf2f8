package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.DifferenceAction;
import dev.ordersystem.core.domain.DifferenceKind;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.domain.ReconciliationState;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Reconciliations;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.PAYMENT_RECORD;
import static dev.ordersystem.mysql.schema.Tables.RECONCILIATION;
import static dev.ordersystem.mysql.schema.Tables.RECONCILIATION_DIFFERENCE;

/**
 * Reconciliation reports in {@code reconciliation} and {@code reconciliation_difference} (V10).
 * The claim is the unique (channel, bill_date) row: an INSERT that one of several instances wins
 * (the others get the duplicate key and read the row), or a guarded UPDATE taking over a RUNNING
 * row whose started_at is stale.
 */
final class SqlReconciliations implements Reconciliations {
    private static final String DAY_KEY = "uk_reconciliation_day";

    private final SqlSession session;
    private final SqlPaymentRecords payments;

    SqlReconciliations(SqlSession session, SqlPaymentRecords payments) {
        this.session = session;
        this.payments = payments;
    }

    @Override
    public Claim claim(PaymentChannel channel, LocalDate billDate, String runner, Instant now, Instant staleBefore) {
        FieldLimits.check().fits(RECONCILIATION.RUNNER, runner, "runner").orThrow();
        boolean inserted = session.write(db -> {
            try {
                db.insertInto(RECONCILIATION)
                        .set(RECONCILIATION.CHANNEL, channel.name())
                        .set(RECONCILIATION.BILL_DATE, billDate)
                        .set(RECONCILIATION.STATE, ReconciliationState.RUNNING.name())
                        .set(RECONCILIATION.RUNNER, runner)
                        .set(RECONCILIATION.STARTED_AT, SqlTimes.toDb(now))
                        .set(RECONCILIATION.PROVIDER_PAYMENTS, 0)
                        .set(RECONCILIATION.PROVIDER_REFUNDS, 0)
                        .set(RECONCILIATION.DIFFERENCE_COUNT, 0)
                        .execute();
                return true;
            } catch (DataAccessException e) {
                if (SqlErrors.isDuplicate(e, DAY_KEY)) return false; // another instance has the day
                throw e;
            }
        });
        if (inserted) return new Claimed(find(channel, billDate).orElseThrow());
        // UPDATE reconciliation SET runner = ?, started_at = ? WHERE channel = ? AND bill_date = ? AND state = 'RUNNING' AND started_at < ?
        int taken = session.write(db -> db.update(RECONCILIATION)
                .set(RECONCILIATION.RUNNER, runner)
                .set(RECONCILIATION.STARTED_AT, SqlTimes.toDb(now))
                .where(RECONCILIATION.CHANNEL.eq(channel.name()))
                .and(RECONCILIATION.BILL_DATE.eq(billDate))
                .and(RECONCILIATION.STATE.eq(ReconciliationState.RUNNING.name()))
                .and(RECONCILIATION.STARTED_AT.lt(SqlTimes.toDb(staleBefore)))
                .execute());
        Reconciliation current = find(channel, billDate).orElseThrow();
        return taken == 1 ? new Claimed(current) : new Held(current);
    }

    @Override
    public Reconciliation complete(long id, String runner, Instant at, int providerPayments, int providerRefunds,
                                   List<ReconciliationDifference> differences) {
        session.run(db -> {
            int updated = db.update(RECONCILIATION)
                    .set(RECONCILIATION.STATE, ReconciliationState.DONE.name())
                    .set(RECONCILIATION.FINISHED_AT, SqlTimes.toDb(at))
                    .set(RECONCILIATION.PROVIDER_PAYMENTS, providerPayments)
                    .set(RECONCILIATION.PROVIDER_REFUNDS, providerRefunds)
                    .set(RECONCILIATION.DIFFERENCE_COUNT, differences.size())
                    .where(RECONCILIATION.ID.eq(id))
                    .and(RECONCILIATION.STATE.eq(ReconciliationState.RUNNING.name()))
                    .and(RECONCILIATION.RUNNER.eq(runner))
                    .execute();
            if (updated == 0) throw new NotFound("reconciliation " + id + " running under " + runner);
            int seq = 0;
            for (ReconciliationDifference d : differences) {
                db.insertInto(RECONCILIATION_DIFFERENCE)
                        .set(RECONCILIATION_DIFFERENCE.RECONCILIATION_ID, id)
                        .set(RECONCILIATION_DIFFERENCE.SEQ, ++seq)
                        .set(RECONCILIATION_DIFFERENCE.KIND, d.kind().name())
                        .set(RECONCILIATION_DIFFERENCE.OUT_TRADE_NO, d.outTradeNo().orElse(null))
                        .set(RECONCILIATION_DIFFERENCE.PROVIDER_TRADE_NO, d.providerTradeNo().orElse(null))
                        .set(RECONCILIATION_DIFFERENCE.OUT_REFUND_NO, d.outRefundNo().orElse(null))
                        .set(RECONCILIATION_DIFFERENCE.PROVIDER_AMOUNT, d.providerAmount().map(Money::minor).orElse(null))
                        .set(RECONCILIATION_DIFFERENCE.PROVIDER_CURRENCY, d.providerAmount().map(m -> m.currency().getCurrencyCode()).orElse(null))
                        .set(RECONCILIATION_DIFFERENCE.LOCAL_AMOUNT, d.localAmount().map(Money::minor).orElse(null))
                        .set(RECONCILIATION_DIFFERENCE.LOCAL_CURRENCY, d.localAmount().map(m -> m.currency().getCurrencyCode()).orElse(null))
                        .set(RECONCILIATION_DIFFERENCE.TAKEN_ACTION, d.action().name())
                        .set(RECONCILIATION_DIFFERENCE.DETAIL, clip(d.detail(), 1024))
                        .execute();
            }
        });
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Reconciliation> find(long id) {
        return session.read(db -> db.selectFrom(RECONCILIATION).where(RECONCILIATION.ID.eq(id)).fetchOptional(this::reconciliation));
    }

    @Override
    public Optional<Reconciliation> find(PaymentChannel channel, LocalDate billDate) {
        return session.read(db -> db.selectFrom(RECONCILIATION)
                .where(RECONCILIATION.CHANNEL.eq(channel.name())).and(RECONCILIATION.BILL_DATE.eq(billDate))
                .fetchOptional(this::reconciliation));
    }

    @Override
    public Page<Reconciliation> list(PageRequest page) {
        long before = page.after().isEmpty() ? Long.MAX_VALUE : KeysetPages.longKey(page.after());
        List<Reconciliation> rows = session.read(db -> db.selectFrom(RECONCILIATION)
                .where(RECONCILIATION.ID.lt(before))
                .orderBy(RECONCILIATION.ID.desc())
                .limit(page.limit() + 1)
                .fetch(this::reconciliation));
        return KeysetPages.page(rows, page.limit(), r -> Long.toString(r.id()));
    }

    @Override
    public List<ReconciliationDifference> differences(long id) {
        return session.read(db -> db.selectFrom(RECONCILIATION_DIFFERENCE)
                .where(RECONCILIATION_DIFFERENCE.RECONCILIATION_ID.eq(id))
                .orderBy(RECONCILIATION_DIFFERENCE.SEQ)
                .fetch(SqlReconciliations::difference));
    }

    @Override
    public List<PaymentRecord> paidBetween(PaymentChannel channel, Instant from, Instant to) {
        // SELECT * FROM payment_record WHERE channel = ? AND paid_at >= ? AND paid_at < ? (index ix_payment_record_paid)
        return session.read(db -> db.selectFrom(PAYMENT_RECORD)
                .where(PAYMENT_RECORD.CHANNEL.eq(channel.name()))
                .and(PAYMENT_RECORD.PAID_AT.ge(SqlTimes.toDb(from)))
                .and(PAYMENT_RECORD.PAID_AT.lt(SqlTimes.toDb(to)))
                .orderBy(PAYMENT_RECORD.PAID_AT, PAYMENT_RECORD.ID)
                .fetch(payments::record));
    }

    private Reconciliation reconciliation(Record row) {
        return new Reconciliation(row.get(RECONCILIATION.ID), PaymentChannel.valueOf(row.get(RECONCILIATION.CHANNEL)),
                row.get(RECONCILIATION.BILL_DATE), ReconciliationState.valueOf(row.get(RECONCILIATION.STATE)),
                row.get(RECONCILIATION.RUNNER), SqlTimes.fromDb(row.get(RECONCILIATION.STARTED_AT)),
                Optional.ofNullable(SqlTimes.fromDb(row.get(RECONCILIATION.FINISHED_AT))), row.get(RECONCILIATION.PROVIDER_PAYMENTS),
                row.get(RECONCILIATION.PROVIDER_REFUNDS), row.get(RECONCILIATION.DIFFERENCE_COUNT));
    }

    private static ReconciliationDifference difference(Record row) {
        return new ReconciliationDifference(DifferenceKind.valueOf(row.get(RECONCILIATION_DIFFERENCE.KIND)),
                Optional.ofNullable(row.get(RECONCILIATION_DIFFERENCE.OUT_TRADE_NO)),
                Optional.ofNullable(row.get(RECONCILIATION_DIFFERENCE.PROVIDER_TRADE_NO)),
                Optional.ofNullable(row.get(RECONCILIATION_DIFFERENCE.OUT_REFUND_NO)),
                money(row.get(RECONCILIATION_DIFFERENCE.PROVIDER_AMOUNT), row.get(RECONCILIATION_DIFFERENCE.PROVIDER_CURRENCY)),
                money(row.get(RECONCILIATION_DIFFERENCE.LOCAL_AMOUNT), row.get(RECONCILIATION_DIFFERENCE.LOCAL_CURRENCY)),
                DifferenceAction.valueOf(row.get(RECONCILIATION_DIFFERENCE.TAKEN_ACTION)),
                row.get(RECONCILIATION_DIFFERENCE.DETAIL));
    }

    private static Optional<Money> money(Long minor, String currency) {
        return minor == null ? Optional.empty() : Optional.of(Money.of(minor, Currency.getInstance(currency.trim())));
    }

    /** A detail longer than the column is cut: it is a line for a person, the structured fields carry the facts. */
    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
