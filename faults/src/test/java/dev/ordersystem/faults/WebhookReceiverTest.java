package dev.ordersystem.faults;

import dev.ordersystem.core.domain.WebhookSecret;
import dev.ordersystem.core.usecase.event.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite's webhook receiver takes deliveries signed as the app signs them (its
 * {@link WebhookSignature}) and refuses, as problems, a tampered body, an old timestamp and a
 * signature made with another secret; a re-delivery of an id is always accepted.
 */
class WebhookReceiverTest {
    private final WebhookReceiver receiver = receiver();
    private final WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    private final HttpClient client = HttpClient.newHttpClient();

    private static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private int post(String id, long timestamp, String signature, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url())).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void verifiesStandardWebhooksSignaturesAndRecordsEachArrival() throws Exception {
        receiver.secret(secret.value());
        long now = System.currentTimeMillis() / 1000;
        String body = "{\"type\":\"order.paid\",\"timestamp\":\"2026-12-07T10:00:00Z\",\"data\":{\"orderNo\":\"20261207000000000000042\"}}";
        int first = post("evt_7", now, WebhookSignature.sign(secret, "evt_7", now, body), body);
        assertThat(first).isIn(204, 500); // one first arrival in eight fails on purpose
        assertThat(post("evt_7", now, "v1,bm90IGl0 " + WebhookSignature.sign(secret, "evt_7", now, body), body)).as("again, among other signatures").isEqualTo(204);
        assertThat(receiver.problems()).isEmpty();
        assertThat(receiver.arrivals()).hasSize(2).allSatisfy(a -> {
            assertThat(a.id()).isEqualTo("evt_7");
            assertThat(a.type()).isEqualTo("order.paid");
            assertThat(a.orderNo()).isEqualTo("20261207000000000000042");
        });
        assertThat(receiver.arrivals().get(1).accepted()).isTrue();

        assertThat(post("evt_8", now, WebhookSignature.sign(secret, "evt_8", now, body), body.replace("paid", "cancelled"))).as("tampered").isEqualTo(401);
        assertThat(post("evt_9", now - 600, WebhookSignature.sign(secret, "evt_9", now - 600, body), body)).as("old").isEqualTo(401);
        WebhookSecret other = WebhookSecret.generate(new SecureRandom());
        assertThat(post("evt_10", now, WebhookSignature.sign(other, "evt_10", now, body), body)).as("another secret").isEqualTo(401);
        assertThat(receiver.problems()).hasSize(3);
        assertThat(receiver.arrivals()).hasSize(2);
    }
}
