package dev.ordersystem.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Sends one signed webhook request (an outside server: never called inside a transaction). */
public interface WebhookSender {

    record WebhookRequest(URI url, Map<String, String> headers, String body) {
    }

    /** What came of one request. */
    sealed interface SendResult {
        Duration latency();
    }

    /** The receiver answered with {@code status} (a redirect is an answer, never followed). */
    record Answered(int status, Duration latency) implements SendResult {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** No answer: connection refused, timeout, TLS failure, or a target the address rules forbid. */
    record NoAnswer(String reason, Duration latency) implements SendResult {
    }

    /** Sends without following redirects; a target the address rules refuse at this moment is a {@link NoAnswer}. */
    SendResult send(WebhookRequest request);

    /** Why {@code url} may not be a webhook target now (the addresses its host resolves to), or empty. */
    Optional<String> refusal(URI url);
}
