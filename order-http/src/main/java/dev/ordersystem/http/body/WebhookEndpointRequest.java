package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code POST /admin/webhooks}: {@code url} required; {@code events} absent or empty: every type; {@code enabled} defaults to true. */
public record WebhookEndpointRequest(String url, List<String> events, Boolean enabled) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(url, "url");
    }

    /** The subscribed types, each name checked. @throws ValidationFailed naming {@code events[i]} */
    public Optional<Set<EventType>> eventTypes() {
        return EventTypeNames.parse(events);
    }
}
