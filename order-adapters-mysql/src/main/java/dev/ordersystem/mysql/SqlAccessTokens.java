package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AccessTokens;

import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.ACCESS_TOKEN;

/** Bearer tokens in {@code access_token}, by digest only. */
final class SqlAccessTokens implements AccessTokens {
    private final SqlSession session;
    /** Every authenticated request runs it: rendered once. */
    private final RenderedSql findGrant;

    SqlAccessTokens(SqlSession session) {
        this.session = session;
        this.findGrant = session.render(DSL.select(ACCESS_TOKEN.USER_ID, ACCESS_TOKEN.EXPIRES_AT).from(ACCESS_TOKEN)
                .where(ACCESS_TOKEN.TOKEN_DIGEST.eq(DSL.param("digest", ACCESS_TOKEN.TOKEN_DIGEST)))
                .and(ACCESS_TOKEN.REVOKED.isFalse())
                .and(ACCESS_TOKEN.EXPIRES_AT.gt(DSL.param("now", ACCESS_TOKEN.EXPIRES_AT))),
                "digest", "now");
    }

    @Override
    public void store(String tokenDigest, UserId userId, Instant expiresAt) {
        FieldLimits.check().fits(ACCESS_TOKEN.TOKEN_DIGEST, tokenDigest, "tokenDigest").orThrow();
        session.run(db -> db.insertInto(ACCESS_TOKEN)
                .set(ACCESS_TOKEN.TOKEN_DIGEST, tokenDigest)
                .set(ACCESS_TOKEN.USER_ID, userId.value())
                .set(ACCESS_TOKEN.EXPIRES_AT, SqlTimes.toDb(expiresAt))
                .set(ACCESS_TOKEN.REVOKED, false)
                .execute());
    }

    @Override
    public Optional<Grant> resolve(String tokenDigest, Instant now) {
        return session.read(db -> findGrant.fetchOptional(db,
                row -> new Grant(new UserId(row.getLong(1)), SqlTimes.fromDb(row.getObject(2, LocalDateTime.class))),
                tokenDigest, SqlTimes.toDb(now)));
    }

    @Override
    public void revoke(String tokenDigest) {
        session.run(db -> db.update(ACCESS_TOKEN).set(ACCESS_TOKEN.REVOKED, true)
                .where(ACCESS_TOKEN.TOKEN_DIGEST.eq(tokenDigest)).execute());
    }
}
