package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AddressBook;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.ADDRESS;
import static dev.ordersystem.mysql.schema.Tables.USER_ACCOUNT;

/**
 * Shipping addresses in {@code address}; every query names the user, so another user's address is
 * never found. Every write first locks the user's {@code user_account} row: the writes of one
 * user's book are serial, so "the first address is the default" and "one default" hold under
 * concurrent calls (the user's address rows cannot serve as the lock: a book may have none yet).
 */
final class SqlAddressBook implements AddressBook {
    /** The columns {@link #fromRow} reads, in its order. */
    private static final SelectField<?>[] COLUMNS = {ADDRESS.ID, ADDRESS.USER_ID, ADDRESS.RECIPIENT, ADDRESS.PHONE,
            ADDRESS.REGION, ADDRESS.DETAIL, ADDRESS.PROVINCE, ADDRESS.CITY, ADDRESS.DISTRICT, ADDRESS.POSTAL_CODE,
            ADDRESS.IS_DEFAULT};

    private final SqlSession session;
    /** Placing an order reads the address: rendered once. */
    private final RenderedSql findOne;
    /** Placing an order without an address reads the default: rendered once. */
    private final RenderedSql findTheDefault;
    /** A group of placements reads its addresses in one statement: rendered once per count of ids. */
    private final RenderedSqlPerCount findByIds;

    SqlAddressBook(SqlSession session) {
        this.session = session;
        this.findOne = session.render(DSL.select(COLUMNS).from(ADDRESS)
                .where(ADDRESS.ID.eq(DSL.param("id", ADDRESS.ID))).and(ADDRESS.USER_ID.eq(DSL.param("userId", ADDRESS.USER_ID))),
                "id", "userId");
        this.findTheDefault = session.render(DSL.select(COLUMNS).from(ADDRESS)
                .where(ADDRESS.USER_ID.eq(DSL.param("userId", ADDRESS.USER_ID))).and(ADDRESS.IS_DEFAULT.isTrue()),
                "userId");
        this.findByIds = new RenderedSqlPerCount(count -> {
            IdList ids = IdList.of(ADDRESS.ID, count);
            return session.render(DSL.select(COLUMNS).from(ADDRESS).where(ADDRESS.ID.in(ids.params())), ids.names());
        });
    }

    @Override
    public Address add(UserId userId, ShippingAddress address) {
        FieldLimits.check()
                .fits(ADDRESS.RECIPIENT, address.recipient(), "recipient")
                .fits(ADDRESS.PHONE, address.phone(), "phone")
                .fits(ADDRESS.REGION, address.region(), "region")
                .fits(ADDRESS.DETAIL, address.detail(), "detail")
                .fits(ADDRESS.PROVINCE, address.province(), "province")
                .fits(ADDRESS.CITY, address.city(), "city")
                .fits(ADDRESS.DISTRICT, address.district(), "district")
                .fits(ADDRESS.POSTAL_CODE, address.postalCode(), "postalCode")
                .orThrow();
        return session.write(db -> {
            lockBook(db, userId);
            boolean first = !db.fetchExists(ADDRESS, ADDRESS.USER_ID.eq(userId.value()).and(ADDRESS.IS_DEFAULT.isTrue()));
            db.insertInto(ADDRESS)
                    .set(ADDRESS.USER_ID, userId.value())
                    .set(ADDRESS.RECIPIENT, address.recipient())
                    .set(ADDRESS.PHONE, address.phone())
                    .set(ADDRESS.REGION, address.region())
                    .set(ADDRESS.DETAIL, address.detail())
                    .set(ADDRESS.PROVINCE, address.province())
                    .set(ADDRESS.CITY, address.city())
                    .set(ADDRESS.DISTRICT, address.district())
                    .set(ADDRESS.POSTAL_CODE, address.postalCode())
                    .set(ADDRESS.IS_DEFAULT, first)
                    .set(ADDRESS.CREATED_AT, SqlTimes.toDb(session.clock().instant()))
                    .execute();
            return new Address(new AddressId(GeneratedIds.last(db)), userId, address, first);
        });
    }

    @Override
    public List<Address> list(UserId userId) {
        return session.read(db -> db.selectFrom(ADDRESS).where(ADDRESS.USER_ID.eq(userId.value())).orderBy(ADDRESS.ID)
                .fetch(SqlAddressBook::address));
    }

    @Override
    public Optional<Address> find(UserId userId, AddressId id) {
        return session.read(db -> findOne.fetchOptional(db, SqlAddressBook::fromRow, id.value(), userId.value()));
    }

    @Override
    public Optional<Address> findDefault(UserId userId) {
        return session.read(db -> findTheDefault.fetchOptional(db, SqlAddressBook::fromRow, userId.value()));
    }

    /** {@code WHERE id IN (…)}, then each row is handed only to the user who owns it. */
    @Override
    public List<Optional<Address>> findEach(List<Owned> wanted) {
        if (wanted.isEmpty()) return List.of();
        Object[] ids = wanted.stream().map(w -> w.id().value()).distinct().toArray();
        Map<AddressId, Address> found = new HashMap<>();
        session.read(db -> findByIds.forCount(ids.length).fetch(db, SqlAddressBook::fromRow, ids))
                .forEach(address -> found.put(address.id(), address));
        return wanted.stream().map(w -> Optional.ofNullable(found.get(w.id())).filter(a -> a.userId().equals(w.userId()))).toList();
    }

    /** With the book locked: the old default cleared, then the new one set (nothing when the address is not the user's). */
    @Override
    public Address setDefault(UserId userId, AddressId id) {
        return session.write(db -> {
            lockBook(db, userId);
            Address chosen = find(userId, id).orElseThrow(() -> new NotFound("address " + id));
            db.update(ADDRESS).set(ADDRESS.IS_DEFAULT, false)
                    .where(ADDRESS.USER_ID.eq(userId.value())).and(ADDRESS.IS_DEFAULT.isTrue()).and(ADDRESS.ID.ne(id.value()))
                    .execute();
            db.update(ADDRESS).set(ADDRESS.IS_DEFAULT, true).where(ADDRESS.ID.eq(id.value())).execute();
            return new Address(chosen.id(), userId, chosen.shipping(), true);
        });
    }

    /** With the book locked: the row deleted and, when it was the default, the newest remaining one made default. */
    @Override
    public void remove(UserId userId, AddressId id) {
        session.run(db -> {
            lockBook(db, userId);
            Address removed = find(userId, id).orElseThrow(() -> new NotFound("address " + id));
            db.deleteFrom(ADDRESS).where(ADDRESS.ID.eq(id.value())).execute();
            if (!removed.isDefault()) return;
            Long newest = db.select(DSL.max(ADDRESS.ID)).from(ADDRESS).where(ADDRESS.USER_ID.eq(userId.value())).fetchOne(0, Long.class);
            if (newest != null) db.update(ADDRESS).set(ADDRESS.IS_DEFAULT, true).where(ADDRESS.ID.eq(newest)).execute();
        });
    }

    /** {@code SELECT … FOR UPDATE} on the owner's account row: held until the transaction ends. */
    private static void lockBook(DSLContext db, UserId userId) {
        db.select(USER_ACCOUNT.ID).from(USER_ACCOUNT).where(USER_ACCOUNT.ID.eq(userId.value())).forUpdate().fetch();
    }

    private static Address fromRow(ResultSet row) throws SQLException {
        return new Address(new AddressId(row.getLong(1)), new UserId(row.getLong(2)),
                new ShippingAddress(row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                        row.getString(7), row.getString(8), row.getString(9), row.getString(10)),
                row.getBoolean(11));
    }

    private static Address address(Record row) {
        return new Address(new AddressId(row.get(ADDRESS.ID)), new UserId(row.get(ADDRESS.USER_ID)),
                new ShippingAddress(row.get(ADDRESS.RECIPIENT), row.get(ADDRESS.PHONE), row.get(ADDRESS.REGION),
                        row.get(ADDRESS.DETAIL), row.get(ADDRESS.PROVINCE), row.get(ADDRESS.CITY),
                        row.get(ADDRESS.DISTRICT), row.get(ADDRESS.POSTAL_CODE)),
                row.get(ADDRESS.IS_DEFAULT));
    }
}
