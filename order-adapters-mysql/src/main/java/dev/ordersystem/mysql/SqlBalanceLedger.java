package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.BalanceEntry;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.BalanceLedger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.util.List;

import static dev.ordersystem.mysql.schema.Tables.BALANCE;
import static dev.ordersystem.mysql.schema.Tables.BALANCE_JOURNAL;

/**
 * Balances in table {@code balance} with every change in {@code balance_journal}. The balance row
 * is locked by the conditional update itself; the unique (reference, reason) of the journal
 * refuses a second payment or refund of the same order. When the journal refuses, the balance
 * change is undone before the refusal is raised, so the call changes nothing.
 */
final class SqlBalanceLedger implements BalanceLedger {
    private static final String JOURNAL_KEY = "uk_balance_journal_reference";

    private final SqlSession session;

    SqlBalanceLedger(SqlSession session) {
        this.session = session;
    }

    @Override
    public void open(UserId userId) {
        session.run(db -> {
            try {
                db.insertInto(BALANCE).set(BALANCE.USER_ID, userId.value()).set(BALANCE.BALANCE_, 0L).execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isDuplicatePrimaryKey(e)) {
                    throw new DuplicateSubmission("the balance of user " + userId + " is open already");
                }
                throw e;
            }
        });
    }

    @Override
    public void debit(UserId userId, Money amount, BalanceReason reason, String reference) {
        long minor = positive(amount);
        checkReference(reference);
        session.run(db -> {
            int updated = db.update(BALANCE)
                    .set(BALANCE.BALANCE_, BALANCE.BALANCE_.minus(minor))
                    .where(BALANCE.USER_ID.eq(userId.value()))
                    .and(BALANCE.BALANCE_.ge(minor))
                    .execute();
            if (updated == 0) {
                Long balance = db.select(BALANCE.BALANCE_).from(BALANCE).where(BALANCE.USER_ID.eq(userId.value()))
                        .fetchOptional(BALANCE.BALANCE_).orElse(null);
                if (balance == null) throw new NotFound("balance of user " + userId);
                throw new InsufficientBalance(userId, amount, Money.of(balance, amount.currency()));
            }
            journal(db, userId, -minor, reason, reference, () -> change(db, userId, minor));
        });
    }

    @Override
    public void credit(UserId userId, Money amount, BalanceReason reason, String reference) {
        long minor = positive(amount);
        checkReference(reference);
        session.run(db -> {
            if (change(db, userId, minor) == 0) throw new NotFound("balance of user " + userId);
            journal(db, userId, minor, reason, reference, () -> change(db, userId, -minor));
        });
    }

    @Override
    public Money balance(UserId userId) {
        return session.read(db -> db.select(BALANCE.BALANCE_).from(BALANCE).where(BALANCE.USER_ID.eq(userId.value()))
                .fetchOptional(BALANCE.BALANCE_)
                .map(session::money)
                .orElseThrow(() -> new NotFound("balance of user " + userId)));
    }

    @Override
    public List<BalanceEntry> journal(UserId userId) {
        return session.read(db -> db.selectFrom(BALANCE_JOURNAL)
                .where(BALANCE_JOURNAL.USER_ID.eq(userId.value()))
                .orderBy(BALANCE_JOURNAL.ID)
                .fetch(row -> new BalanceEntry(userId, session.money(row.get(BALANCE_JOURNAL.DELTA)),
                        BalanceReason.valueOf(row.get(BALANCE_JOURNAL.REASON)), row.get(BALANCE_JOURNAL.REFERENCE),
                        SqlTimes.fromDb(row.get(BALANCE_JOURNAL.CREATED_AT)))));
    }

    private static int change(DSLContext db, UserId userId, long delta) {
        return db.update(BALANCE)
                .set(BALANCE.BALANCE_, BALANCE.BALANCE_.plus(delta))
                .where(BALANCE.USER_ID.eq(userId.value()))
                .execute();
    }

    private void journal(DSLContext db, UserId userId, long delta, BalanceReason reason, String reference, Runnable undo) {
        try {
            db.insertInto(BALANCE_JOURNAL)
                    .set(BALANCE_JOURNAL.USER_ID, userId.value())
                    .set(BALANCE_JOURNAL.DELTA, delta)
                    .set(BALANCE_JOURNAL.REASON, reason.name())
                    .set(BALANCE_JOURNAL.REFERENCE, reference)
                    .set(BALANCE_JOURNAL.CREATED_AT, SqlTimes.toDb(session.clock().instant()))
                    .execute();
        } catch (DataAccessException e) {
            if (!SqlErrors.isDuplicate(e, JOURNAL_KEY)) throw e;
            undo.run();
            throw new DuplicateSubmission(reason + " " + reference + " is journalled already");
        }
    }

    private long positive(Money amount) {
        long minor = session.minor(amount);
        if (minor <= 0) throw ValidationFailed.of("amount", FieldFault.POSITIVE);
        return minor;
    }

    private static void checkReference(String reference) {
        if (reference == null || reference.isEmpty()) throw ValidationFailed.of("reference", FieldFault.NOT_EMPTY);
        FieldLimits.check().fits(BALANCE_JOURNAL.REFERENCE, reference, "reference").orThrow();
    }
}
