package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.WebhookEndpoint;

import java.util.List;

/**
 * A webhook endpoint. {@code secret} ({@code whsec_…}) is in the answer that created it and never
 * again; {@code state} {@code DISABLED_FAILING} flags an endpoint the system switched off after a day
 * of failures ({@code failingSince} says since when).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEndpointView(long id, String url, List<String> events, boolean enabled, String state,
                                  String createdAt, String failingSince, String secret) {
    public static WebhookEndpointView of(WebhookEndpoint e) {
        return new WebhookEndpointView(e.id(), e.url().toString(), e.events().stream().sorted().map(EventType::wireName).toList(),
                e.state().receives(), e.state().name(), JsonTimes.iso(e.createdAt()), JsonTimes.iso(e.failingSince()), null);
    }

    /** The answer to the creation: the only one with the secret. */
    public static WebhookEndpointView created(WebhookEndpoint e) {
        WebhookEndpointView v = of(e);
        return new WebhookEndpointView(v.id, v.url, v.events, v.enabled, v.state, v.createdAt, v.failingSince, e.secret().value());
    }
}
