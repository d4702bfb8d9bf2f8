package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code PATCH /admin/webhooks/{id}}: the fields present change, the others stay. */
public record WebhookEndpointPatch(String url, List<String> events, Boolean enabled) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        if (url == null && events == null && enabled == null) {
            throw ValidationFailed.of("body", FieldFault.NOTHING_TO_CHANGE, "url, events, enabled");
        }
    }

    public Optional<Set<EventType>> eventTypes() {
        return EventTypeNames.parse(events);
    }
}
