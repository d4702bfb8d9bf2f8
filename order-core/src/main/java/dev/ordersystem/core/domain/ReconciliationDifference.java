package dev.ordersystem.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One difference a reconciliation found, and what it did about it (DESIGN §14).
 *
 * @param outTradeNo      the trade's merchant number, when the difference is about a trade
 * @param providerTradeNo the provider's trade number, when known
 * @param outRefundNo     the refund's number, when the difference is about a refund
 * @param providerAmount  the bill's amount, when the bill has the line
 * @param localAmount     this shop's amount, when it has the record
 * @param detail          one line for a person
 */
public record ReconciliationDifference(DifferenceKind kind, Optional<String> outTradeNo, Optional<String> providerTradeNo,
                                       Optional<String> outRefundNo, Optional<Money> providerAmount, Optional<Money> localAmount,
                                       DifferenceAction action, String detail) {
    public ReconciliationDifference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(providerTradeNo, "providerTradeNo");
        Objects.requireNonNull(outRefundNo, "outRefundNo");
        Objects.requireNonNull(providerAmount, "providerAmount");
        Objects.requireNonNull(localAmount, "localAmount");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }
}
