package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.domain.WebhookSecret;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The webhook endpoints admins subscribed. Joins the caller's transaction. */
public interface WebhookEndpoints {

    WebhookEndpoint add(URI url, Set<EventType> events, EndpointState state, WebhookSecret secret, Instant createdAt);

    Optional<WebhookEndpoint> find(long id);

    /** Every endpoint, oldest first. */
    List<WebhookEndpoint> all();

    /** Writes url, events, state and failingSince of {@code changed}. @throws dev.ordersystem.core.domain.NotFound */
    void update(WebhookEndpoint changed);

    /** Removes the endpoint and its deliveries. @throws dev.ordersystem.core.domain.NotFound */
    void delete(long id);
}
