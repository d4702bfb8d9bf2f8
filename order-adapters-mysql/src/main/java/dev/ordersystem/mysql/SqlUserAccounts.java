package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.Credentials;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.UsernameTaken;
import dev.ordersystem.core.port.UserAccounts;
import org.jooq.exception.DataAccessException;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.USER_ACCOUNT;

/**
 * Users in {@code user_account}. The unique key is the lower-cased name ({@code username_key}),
 * so names that differ in case only collide whatever the column collation (H2 compares case).
 */
final class SqlUserAccounts implements UserAccounts {
    private static final String USERNAME_KEY = "uk_user_account_username";

    private final SqlSession session;

    SqlUserAccounts(SqlSession session) {
        this.session = session;
    }

    @Override
    public User register(String username, String passwordHash, Instant at) {
        FieldLimits.check()
                .fits(USER_ACCOUNT.USERNAME, username, "username")
                .fits(USER_ACCOUNT.PASSWORD_HASH, passwordHash, "passwordHash")
                .orThrow();
        return session.write(db -> {
            try {
                db.insertInto(USER_ACCOUNT)
                        .set(USER_ACCOUNT.USERNAME, username)
                        .set(USER_ACCOUNT.USERNAME_KEY, key(username))
                        .set(USER_ACCOUNT.PASSWORD_HASH, passwordHash)
                        .set(USER_ACCOUNT.CREATED_AT, SqlTimes.toDb(at))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isDuplicate(e, USERNAME_KEY)) throw new UsernameTaken(username);
                throw e;
            }
            return new User(new UserId(GeneratedIds.last(db)), username, SqlTimes.fromDb(SqlTimes.toDb(at)));
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        return session.read(db -> db.selectFrom(USER_ACCOUNT).where(USER_ACCOUNT.ID.eq(id.value()))
                .fetchOptional(row -> new User(id, row.get(USER_ACCOUNT.USERNAME), SqlTimes.fromDb(row.get(USER_ACCOUNT.CREATED_AT)))));
    }

    @Override
    public Optional<Credentials> credentials(String username) {
        if (username == null) return Optional.empty();
        return session.read(db -> db.selectFrom(USER_ACCOUNT).where(USER_ACCOUNT.USERNAME_KEY.eq(key(username)))
                .fetchOptional(row -> new Credentials(new UserId(row.get(USER_ACCOUNT.ID)), row.get(USER_ACCOUNT.USERNAME),
                        row.get(USER_ACCOUNT.PASSWORD_HASH))));
    }

    @Override
    public Optional<User> findByName(String username) {
        if (username == null) return Optional.empty();
        return session.read(db -> db.selectFrom(USER_ACCOUNT).where(USER_ACCOUNT.USERNAME_KEY.eq(key(username)))
                .fetchOptional(row -> new User(new UserId(row.get(USER_ACCOUNT.ID)), row.get(USER_ACCOUNT.USERNAME),
                        SqlTimes.fromDb(row.get(USER_ACCOUNT.CREATED_AT)))));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
