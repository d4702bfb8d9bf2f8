package dev.ordersystem.http.payment;

import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.usecase.payment.ApplyPaymentNotification;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.http.problem.ConnectionLoss;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * One delivery of a provider notification, verified first and then applied by the core: a
 * rejected one is only logged and counted, never written. Every delivery is counted in
 * {@code payments.notifications{channel, outcome}}.
 */
public final class NotificationIntake {
    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    private final ApplyPaymentNotification apply;
    private final MeterRegistry registry;

    public NotificationIntake(ApplyPaymentNotification apply, MeterRegistry registry) {
        this.apply = apply;
        this.registry = registry;
    }

    public NotifyAnswer take(PaymentChannel channel, ProviderReplies replies, Supplier<Verdict> verification) {
        NotifyAnswer answer = decide(channel, replies, verification);
        Counter.builder("payments.notifications").description("payment notifications received, by what became of them")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT)).tag("outcome", answer.outcome())
                .register(registry).increment();
        return answer;
    }

    private NotifyAnswer decide(PaymentChannel channel, ProviderReplies replies, Supplier<Verdict> verification) {
        Verdict verdict;
        try {
            verdict = verification.get();
        } catch (NotificationRejected e) {
            log.warn("{} notification rejected ({}): {}", channel, e.reason(), e.getMessage());
            return replies.failed(e.reason().status(), e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    "REJECTED_" + e.reason().name());
        }
        if (verdict instanceof Verdict.Acknowledge ack) {
            log.info("{} notification with status {} acknowledged, nothing to apply", channel, ack.status());
            return replies.received("IGNORED");
        }
        Verdict.Pay pay = (Verdict.Pay) verdict;
        PaymentOutcome outcome;
        try {
            outcome = apply.apply(pay.payment());
        } catch (RuntimeException e) {
            if (ConnectionLoss.anywhereIn(e)) {
                // The database went away mid-delivery (restart, failover): nothing was committed and the provider resends.
                log.warn("{} notification for order {} not applied, the database is unreachable: {}", channel,
                        pay.payment().orderNo(), e.toString());
                return replies.failed(503, "database unreachable, please resend", "UNAVAILABLE");
            }
            log.error("{} notification for order {} could not be applied", channel, pay.payment().orderNo(), e);
            return replies.failed(500, "not applied, please resend", "ERROR");
        }
        switch (outcome) {
            case PAID, DUPLICATE -> log.info("{} trade {} for order {}: {}", channel, pay.payment().tradeNo(), pay.payment().orderNo(), outcome);
            default -> log.warn("{} trade {} for order {}: {} (see /api/v1/admin/payments)", channel, pay.payment().tradeNo(),
                    pay.payment().orderNo(), outcome);
        }
        return outcome.acknowledged() ? replies.received(outcome.name())
                : replies.failed(503, "another delivery for this order is being applied, please resend", outcome.name());
    }
}
