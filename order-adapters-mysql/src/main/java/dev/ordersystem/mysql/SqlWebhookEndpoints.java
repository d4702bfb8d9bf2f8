package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.port.WebhookEndpoints;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.ordersystem.mysql.schema.Tables.WEBHOOK_ATTEMPT;
import static dev.ordersystem.mysql.schema.Tables.WEBHOOK_DELIVERY;
import static dev.ordersystem.mysql.schema.Tables.WEBHOOK_ENDPOINT;

/** Webhook endpoints in {@code webhook_endpoint}; the subscribed types as comma-separated names. */
final class SqlWebhookEndpoints implements WebhookEndpoints {
    private final SqlSession session;

    SqlWebhookEndpoints(SqlSession session) {
        this.session = session;
    }

    @Override
    public WebhookEndpoint add(URI url, Set<EventType> events, EndpointState state, WebhookSecret secret, Instant createdAt) {
        FieldLimits.check().fits(WEBHOOK_ENDPOINT.URL, url.toString(), "url").orThrow();
        long id = session.write(db -> {
            db.insertInto(WEBHOOK_ENDPOINT)
                    .set(WEBHOOK_ENDPOINT.URL, url.toString())
                    .set(WEBHOOK_ENDPOINT.EVENT_TYPES, names(events))
                    .set(WEBHOOK_ENDPOINT.STATE, state.name())
                    .set(WEBHOOK_ENDPOINT.SECRET, secret.value())
                    .set(WEBHOOK_ENDPOINT.CREATED_AT, SqlTimes.toDb(createdAt))
                    .execute();
            return GeneratedIds.last(db);
        });
        return new WebhookEndpoint(id, url, events, state, secret, SqlTimes.fromDb(SqlTimes.toDb(createdAt)), null);
    }

    @Override
    public Optional<WebhookEndpoint> find(long id) {
        return session.read(db -> db.selectFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).fetchOptional(SqlWebhookEndpoints::endpoint));
    }

    @Override
    public List<WebhookEndpoint> all() {
        return session.read(db -> db.selectFrom(WEBHOOK_ENDPOINT).orderBy(WEBHOOK_ENDPOINT.ID).fetch(SqlWebhookEndpoints::endpoint));
    }

    @Override
    public void update(WebhookEndpoint changed) {
        FieldLimits.check().fits(WEBHOOK_ENDPOINT.URL, changed.url().toString(), "url").orThrow();
        int updated = session.write(db -> db.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.URL, changed.url().toString())
                .set(WEBHOOK_ENDPOINT.EVENT_TYPES, names(changed.events()))
                .set(WEBHOOK_ENDPOINT.STATE, changed.state().name())
                .set(WEBHOOK_ENDPOINT.FAILING_SINCE, changed.failingSince() == null ? null : SqlTimes.toDb(changed.failingSince()))
                .where(WEBHOOK_ENDPOINT.ID.eq(changed.id()))
                .execute());
        if (updated == 0) throw new NotFound("webhook endpoint " + changed.id());
    }

    @Override
    public void delete(long id) {
        session.run(db -> {
            db.deleteFrom(WEBHOOK_ATTEMPT).where(WEBHOOK_ATTEMPT.DELIVERY_ID.in(
                    DSL.select(WEBHOOK_DELIVERY.ID).from(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(id)))).execute();
            db.deleteFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(id)).execute();
            if (db.deleteFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).execute() == 0) {
                throw new NotFound("webhook endpoint " + id);
            }
        });
    }

    private static String names(Set<EventType> events) {
        return events.stream().sorted().map(EventType::wireName).collect(Collectors.joining(","));
    }

    private static WebhookEndpoint endpoint(Record row) {
        String names = row.get(WEBHOOK_ENDPOINT.EVENT_TYPES);
        Set<EventType> events = names.isEmpty() ? Set.of() : Arrays.stream(names.split(","))
                .map(name -> EventType.fromWireName(name).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));
        var failing = row.get(WEBHOOK_ENDPOINT.FAILING_SINCE);
        return new WebhookEndpoint(row.get(WEBHOOK_ENDPOINT.ID), URI.create(row.get(WEBHOOK_ENDPOINT.URL)), events,
                EndpointState.valueOf(row.get(WEBHOOK_ENDPOINT.STATE)), new WebhookSecret(row.get(WEBHOOK_ENDPOINT.SECRET)),
                SqlTimes.fromDb(row.get(WEBHOOK_ENDPOINT.CREATED_AT)), failing == null ? null : SqlTimes.fromDb(failing));
    }
}
