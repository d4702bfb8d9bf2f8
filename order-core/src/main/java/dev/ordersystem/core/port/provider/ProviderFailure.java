package dev.ordersystem.core.port.provider;

/**
 * The provider could not be heard, or said something that cannot be trusted: the outcome of the
 * call is unknown or refused. Every failure describes itself for a log line without any key or
 * signature. Which call may be repeated after it is the caller's decision (DESIGN §13).
 */
public sealed interface ProviderFailure extends TradeCreation, TradeLookup, TradeClosing, RefundAnswer
        permits ProviderFailure.Unreachable, ProviderFailure.TimedOut, ProviderFailure.ProviderError,
        ProviderFailure.BadSignature, ProviderFailure.MalformedResponse {

    /** One line for the log: what failed and the provider's code when it gave one. */
    String describe();

    /** No connection: refused, reset, unknown host, TLS handshake failed. The request did not arrive or got no answer. */
    record Unreachable(String detail) implements ProviderFailure {
        @Override
        public String describe() {
            return "unreachable: " + detail;
        }
    }

    /** No answer within the call's timeout: the provider may or may not have acted. */
    record TimedOut(String detail) implements ProviderFailure {
        @Override
        public String describe() {
            return "timed out: " + detail;
        }
    }

    /**
     * The provider answered with an error (a verified error body, or a 5xx without one).
     *
     * @param httpStatus the HTTP status of the answer
     * @param code       the provider's error code (WeChat {@code code}, e.g. {@code SYSTEM_ERROR},
     *                   {@code PARAM_ERROR}; Alipay {@code sub_code}, e.g. {@code ACQ.SYSTEM_ERROR}),
     *                   or {@code HTTP_<status>} when the body had none
     * @param message    the provider's message
     */
    record ProviderError(int httpStatus, String code, String message) implements ProviderFailure {
        @Override
        public String describe() {
            return "provider error " + code + " (HTTP " + httpStatus + "): " + message;
        }
    }

    /** The answer's signature is missing or does not verify with the provider's public key: it is ignored. */
    record BadSignature(String detail) implements ProviderFailure {
        @Override
        public String describe() {
            return "bad response signature: " + detail;
        }
    }

    /** The answer is signed but cannot be read (not JSON, fields missing, a scene's field absent). */
    record MalformedResponse(String detail) implements ProviderFailure {
        @Override
        public String describe() {
            return "malformed response: " + detail;
        }
    }
}
