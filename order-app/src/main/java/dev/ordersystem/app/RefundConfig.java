package dev.ordersystem.app;

import dev.ordersystem.core.LatePaymentRefund;
import dev.ordersystem.core.RefundSettings;

import java.util.List;
import java.util.Locale;

/**
 * Reads the refund settings of DESIGN §14: {@code ORDER_LATE_PAYMENT_REFUND} — {@code auto} (the
 * default: the refund job sends every late payment back through its provider) or {@code manual}
 * (late payments wait in the admin's list for a person).
 */
final class RefundConfig {
    static final String LATE_PAYMENT_REFUND = "ORDER_LATE_PAYMENT_REFUND";

    private RefundConfig() {
    }

    static RefundSettings from(ConfigSource source, List<String> problems) {
        String text = source.get(LATE_PAYMENT_REFUND).orElse("auto").strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "auto" -> RefundSettings.defaults().withLatePayments(LatePaymentRefund.AUTO);
            case "manual" -> RefundSettings.defaults().withLatePayments(LatePaymentRefund.MANUAL);
            default -> {
                problems.add(LATE_PAYMENT_REFUND + ": must be auto or manual, was " + text);
                yield RefundSettings.defaults();
            }
        };
    }
}
