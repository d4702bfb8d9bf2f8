package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AddressBook;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.ADDRESS;

/** Shipping addresses in {@code address}; every query names the user, so another user's address is never found. */
final class SqlAddressBook implements AddressBook {
    private final SqlSession session;
    /** Placing an order reads the address: rendered once. */
    private final RenderedSql findOne;
    /** A group of placements reads its addresses in one statement: rendered once per count of ids. */
    private final RenderedSqlPerCount findByIds;

    SqlAddressBook(SqlSession session) {
        this.session = session;
        this.findOne = session.render(DSL.select(ADDRESS.ID, ADDRESS.USER_ID, ADDRESS.RECIPIENT, ADDRESS.PHONE, ADDRESS.REGION,
                        ADDRESS.DETAIL).from(ADDRESS)
                .where(ADDRESS.ID.eq(DSL.param("id", ADDRESS.ID))).and(ADDRESS.USER_ID.eq(DSL.param("userId", ADDRESS.USER_ID))),
                "id", "userId");
        this.findByIds = new RenderedSqlPerCount(count -> {
            IdList ids = IdList.of(ADDRESS.ID, count);
            return session.render(DSL.select(ADDRESS.ID, ADDRESS.USER_ID, ADDRESS.RECIPIENT, ADDRESS.PHONE, ADDRESS.REGION,
                    ADDRESS.DETAIL).from(ADDRESS).where(ADDRESS.ID.in(ids.params())), ids.names());
        });
    }

    @Override
    public Address add(UserId userId, ShippingAddress address) {
        FieldLimits.check()
                .fits(ADDRESS.RECIPIENT, address.recipient(), "recipient")
                .fits(ADDRESS.PHONE, address.phone(), "phone")
                .fits(ADDRESS.REGION, address.region(), "region")
                .fits(ADDRESS.DETAIL, address.detail(), "detail")
                .orThrow();
        return session.write(db -> {
            db.insertInto(ADDRESS)
                    .set(ADDRESS.USER_ID, userId.value())
                    .set(ADDRESS.RECIPIENT, address.recipient())
                    .set(ADDRESS.PHONE, address.phone())
                    .set(ADDRESS.REGION, address.region())
                    .set(ADDRESS.DETAIL, address.detail())
                    .set(ADDRESS.CREATED_AT, Times.toDb(session.clock().instant()))
                    .execute();
            return new Address(new AddressId(GeneratedIds.last(db)), userId, address);
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

    private static Address fromRow(ResultSet row) throws SQLException {
        return new Address(new AddressId(row.getLong(1)), new UserId(row.getLong(2)),
                new ShippingAddress(row.getString(3), row.getString(4), row.getString(5), row.getString(6)));
    }

    @Override
    public void remove(UserId userId, AddressId id) {
        int deleted = session.write(db -> db.deleteFrom(ADDRESS)
                .where(ADDRESS.ID.eq(id.value())).and(ADDRESS.USER_ID.eq(userId.value()))
                .execute());
        if (deleted == 0) throw new NotFound("address " + id);
    }

    private static Address address(Record row) {
        return new Address(new AddressId(row.get(ADDRESS.ID)), new UserId(row.get(ADDRESS.USER_ID)),
                new ShippingAddress(row.get(ADDRESS.RECIPIENT), row.get(ADDRESS.PHONE), row.get(ADDRESS.REGION),
                        row.get(ADDRESS.DETAIL)));
    }
}
