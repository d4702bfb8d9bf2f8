package dev.ordersystem.core;

import dev.ordersystem.core.port.WebhookSender;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProvidersByChannel;
import dev.ordersystem.core.usecase.event.WebhookSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The parties outside the shop an {@link OrderSystem} talks to: the payment providers whose
 * trades it starts, queries and closes (DESIGN §13) and the receivers of its webhooks (§15).
 */
public record Outside(PaymentSettings payments, PaymentProvider provider, WebhookSettings webhooks, WebhookSender sender,
                      RefundSettings refunds) {

    /** No provider (no channel's trades are started) and no webhook sender (nothing leaves the process). */
    public static Outside none() {
        return new Outside(PaymentSettings.defaults(), ProvidersByChannel.none(), WebhookSettings.defaults(), NO_WEBHOOK_SENDER,
                RefundSettings.defaults());
    }

    public Outside withPayments(PaymentSettings settings, PaymentProvider other) {
        return new Outside(settings, other, webhooks, sender, refunds);
    }

    public Outside withWebhooks(WebhookSettings settings, WebhookSender other) {
        return new Outside(payments, provider, settings, other, refunds);
    }

    /** Refunds: the late-payment setting and the refund job's pace (DESIGN §14). */
    public Outside withRefunds(RefundSettings settings) {
        return new Outside(payments, provider, webhooks, sender, settings);
    }

    /** The sender of an embedding that wired none: every target refused, so nothing leaves the process. */
    private static final WebhookSender NO_WEBHOOK_SENDER = new WebhookSender() {
        private static final String NONE = "no webhook sender in this embedding (use Outside.withWebhooks)";

        @Override
        public SendResult send(WebhookRequest request) {
            return new NoAnswer(NONE, Duration.ZERO);
        }

        @Override
        public Optional<String> refusal(URI url) {
            return Optional.of(NONE);
        }
    };
}
