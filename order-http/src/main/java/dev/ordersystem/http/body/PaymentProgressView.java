package dev.ordersystem.http.body;

import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.usecase.payment.PaymentProgress;

/**
 * The poll's answer (DESIGN §13): the order's status, its latest trade, and what the provider last
 * said of it ({@code tradeState}: {@code NOT_FOUND}, {@code NOT_PAID}, {@code PAID}, {@code CLOSED};
 * null until asked) with the provider's own word and when it was asked.
 */
public record PaymentProgressView(String orderNo, String status, String channel, String scene, String outTradeNo,
                                  String attemptState, String tradeState, String providerState, String checkedAt,
                                  String expiresAt) {

    public static PaymentProgressView of(PaymentProgress progress) {
        PaymentAttempt attempt = progress.attempt();
        return new PaymentProgressView(progress.order().orderNo().value(), progress.order().status().name(),
                attempt.channel().name(), attempt.scene().name(), attempt.outTradeNo().value(), attempt.state().name(),
                attempt.tradeState().map(Enum::name).orElse(null), attempt.providerState().orElse(null),
                attempt.checkedAt().map(JsonTimes::iso).orElse(null), JsonTimes.iso(progress.order().expiresAt()));
    }
}
