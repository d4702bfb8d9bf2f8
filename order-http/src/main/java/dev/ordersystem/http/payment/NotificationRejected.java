package dev.ordersystem.http.payment;

/**
 * A payment notification refused before it reached the core: nothing is written, the reason is
 * logged. The HTTP status tells the provider whether resending could help.
 */
public final class NotificationRejected extends RuntimeException {
    /** Why a notification was refused, with the HTTP status answered for it. */
    public enum Reason {
        /** Missing headers or fields, not JSON/form, values of the wrong shape. */
        MALFORMED(400),
        /** {@code Wechatpay-Serial} names no configured platform key. */
        UNKNOWN_SERIAL(401),
        /** The timestamp is more than 5 minutes away from now (replay or a wrong clock). */
        STALE(401),
        /** The signature does not verify with the configured key. */
        BAD_SIGNATURE(401),
        /** The encrypted resource does not decrypt with the APIv3 key (tampered, or another key). */
        UNDECRYPTABLE(400),
        /** Signed correctly but for another merchant, app or seller. */
        WRONG_MERCHANT(400);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public NotificationRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
