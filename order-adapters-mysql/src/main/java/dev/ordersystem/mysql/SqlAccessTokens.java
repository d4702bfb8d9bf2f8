package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AccessTokens;

import java.time.Instant;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.ACCESS_TOKEN;

/** Bearer tokens in {@code access_token}, by digest only. */
final class SqlAccessTokens implements AccessTokens {
    private final SqlSession session;

    SqlAccessTokens(SqlSession session) {
        this.session = session;
    }

    @Override
    public void store(String tokenDigest, UserId userId, Instant expiresAt) {
        FieldLimits.check().fits(ACCESS_TOKEN.TOKEN_DIGEST, tokenDigest, "tokenDigest").orThrow();
        session.run(db -> db.insertInto(ACCESS_TOKEN)
                .set(ACCESS_TOKEN.TOKEN_DIGEST, tokenDigest)
                .set(ACCESS_TOKEN.USER_ID, userId.value())
                .set(ACCESS_TOKEN.EXPIRES_AT, Times.toDb(expiresAt))
                .set(ACCESS_TOKEN.REVOKED, false)
                .execute());
    }

    @Override
    public Optional<Grant> resolve(String tokenDigest, Instant now) {
        return session.read(db -> db.select(ACCESS_TOKEN.USER_ID, ACCESS_TOKEN.EXPIRES_AT).from(ACCESS_TOKEN)
                .where(ACCESS_TOKEN.TOKEN_DIGEST.eq(tokenDigest))
                .and(ACCESS_TOKEN.REVOKED.isFalse())
                .and(ACCESS_TOKEN.EXPIRES_AT.gt(Times.toDb(now)))
                .fetchOptional()
                .map(row -> new Grant(new UserId(row.value1()), Times.fromDb(row.value2()))));
    }

    @Override
    public void revoke(String tokenDigest) {
        session.run(db -> db.update(ACCESS_TOKEN).set(ACCESS_TOKEN.REVOKED, true)
                .where(ACCESS_TOKEN.TOKEN_DIGEST.eq(tokenDigest)).execute());
    }
}
