package dev.ordersystem.core.port.provider;

/**
 * What a provider said of a refund, on the call or on a query: done, still being worked on,
 * refused for good, unknown to it, or a failure (outcome unknown: ask again with the same number).
 */
public sealed interface RefundAnswer
        permits RefundAnswer.Succeeded, RefundAnswer.Processing, RefundAnswer.Refused, RefundAnswer.NotFound, ProviderFailure {

    /** The money went back (WeChat {@code SUCCESS}; Alipay {@code fund_change=Y}, or {@code REFUND_SUCCESS} on a query). */
    record Succeeded(String providerState) implements RefundAnswer {
    }

    /**
     * Accepted, outcome later (WeChat {@code PROCESSING}; Alipay {@code fund_change=N} on a repeated
     * call): a refund notification or a query settles it.
     */
    record Processing(String providerState) implements RefundAnswer {
    }

    /**
     * The provider will not refund: a business refusal ({@code NOT_ENOUGH}, {@code INVALID_REQUEST},
     * {@code ACQ.REFUND_AMT_NOT_EQUAL_TOTAL}, …) or it gave up ({@code ABNORMAL}, {@code CLOSED}). The money stays.
     */
    record Refused(String code, String message) implements RefundAnswer {
        public String describe() {
            return code + ": " + message;
        }
    }

    /** A query found no refund under this number (WeChat {@code RESOURCE_NOT_EXISTS}; Alipay answers no refund): the call never arrived. */
    record NotFound(String providerState) implements RefundAnswer {
    }
}
