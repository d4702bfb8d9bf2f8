package dev.ordersystem.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A receiver of webhooks (DESIGN §15).
 *
 * @param events        the event types it subscribed to; empty: all of them
 * @param failingSince  when its current run of failed attempts began (null while it answers)
 */
public record WebhookEndpoint(long id, URI url, Set<EventType> events, EndpointState state, WebhookSecret secret,
                              Instant createdAt, Instant failingSince) {

    public WebhookEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
        events = Set.copyOf(events);
    }

    public boolean wants(EventType type) {
        return state.receives() && (events.isEmpty() || events.contains(type));
    }

    public WebhookEndpoint with(URI newUrl, Set<EventType> newEvents, EndpointState newState) {
        // Enabling again starts the count of failures afresh.
        Instant failing = newState.receives() && !state.receives() ? null : failingSince;
        return new WebhookEndpoint(id, newUrl, newEvents, newState, secret, createdAt, failing);
    }
}
