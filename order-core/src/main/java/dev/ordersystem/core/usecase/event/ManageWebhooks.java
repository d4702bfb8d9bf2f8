package dev.ordersystem.core.usecase.event;

import dev.ordersystem.core.domain.EndpointState;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.domain.WebhookAttempt;
import dev.ordersystem.core.domain.WebhookDelivery;
import dev.ordersystem.core.domain.WebhookEndpoint;
import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.WebhookDeliveries;
import dev.ordersystem.core.port.WebhookEndpoints;
import dev.ordersystem.core.port.WebhookSender;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin's webhook endpoints (DESIGN §15): subscribe a URL (its secret generated and shown
 * once), change or remove it, see its deliveries and send one again. A URL must be http(s) and
 * reach an address the rules allow, checked here and again at every delivery.
 */
public final class ManageWebhooks {
    public static final int MAX_URL_LENGTH = 2048;

    private final Transactions transactions;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public ManageWebhooks(Transactions transactions, WebhookEndpoints endpoints, WebhookDeliveries deliveries,
                          WebhookSender sender, Clock clock) {
        this.transactions = transactions;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
    }

    /** What an admin asks for; {@code events} empty: every type. */
    public record EndpointRequest(String url, Set<EventType> events, boolean enabled) {
    }

    /** @throws ValidationFailed naming {@code url} */
    public WebhookEndpoint create(EndpointRequest request) {
        URI url = checkedUrl(request.url());
        EndpointState state = request.enabled() ? EndpointState.ENABLED : EndpointState.DISABLED;
        return transactions.inTransaction(() ->
                endpoints.add(url, request.events(), state, WebhookSecret.generate(random), clock.instant()));
    }

    public List<WebhookEndpoint> list() {
        return endpoints.all();
    }

    public WebhookEndpoint get(long id) {
        return endpoints.find(id).orElseThrow(() -> new NotFound("webhook endpoint " + id));
    }

    /** Changes what is given; enabling a flagged endpoint clears its flag. */
    public WebhookEndpoint change(long id, Optional<String> url, Optional<Set<EventType>> events, Optional<Boolean> enabled) {
        Optional<URI> checked = url.map(this::checkedUrl);
        return transactions.inTransaction(() -> {
            WebhookEndpoint current = get(id);
            EndpointState state = enabled.map(on -> on ? EndpointState.ENABLED
                    : current.state() == EndpointState.DISABLED_FAILING ? EndpointState.DISABLED_FAILING : EndpointState.DISABLED)
                    .orElse(current.state());
            WebhookEndpoint changed = current.with(checked.orElse(current.url()), events.orElse(current.events()), state);
            endpoints.update(changed);
            return changed;
        });
    }

    public void delete(long id) {
        transactions.inTransaction(() -> endpoints.delete(id));
    }

    public Page<WebhookDelivery> deliveries(long endpointId, PageRequest page) {
        get(endpointId);
        return deliveries.ofEndpoint(endpointId, page);
    }

    /** The attempts of each of {@code shown}, newest first, at most {@code perDelivery} each (DESIGN §15: status codes, latency). */
    public Map<Long, List<WebhookAttempt>> attemptsOf(List<WebhookDelivery> shown, int perDelivery) {
        return deliveries.attemptsOf(shown.stream().map(WebhookDelivery::id).toList(), perDelivery);
    }

    /** Sends a delivery again now (a FAILED one, or one whose receiver has been fixed). */
    public WebhookDelivery retry(long endpointId, long deliveryId) {
        return transactions.inTransaction(() -> {
            deliveries.find(deliveryId).filter(d -> d.endpointId() == endpointId)
                    .orElseThrow(() -> new NotFound("webhook delivery " + deliveryId));
            deliveries.retry(deliveryId, clock.instant());
            return deliveries.find(deliveryId).orElseThrow();
        });
    }

    private URI checkedUrl(String text) {
        URI url = parse(text).orElseThrow(() -> ValidationFailed.of("url", FieldFault.WEBHOOK_URL, MAX_URL_LENGTH));
        sender.refusal(url).ifPresent(why -> {
            throw ValidationFailed.of("url", FieldFault.WEBHOOK_TARGET, why);
        });
        return url;
    }

    private static Optional<URI> parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_URL_LENGTH) return Optional.empty();
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null
                    && url.getRawUserInfo() == null && url.getRawFragment() == null;
            return ok ? Optional.of(url) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
