package dev.ordersystem.http.payment;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Alipay's {@code total_amount} is a yuan string ("12.30"); the system counts fen. Converted
 * exactly by decimal arithmetic: no floating point, and a third decimal is refused, not rounded.
 */
public final class YuanAmount {
    private static final Pattern SHAPE = Pattern.compile("(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?");

    private YuanAmount() {
    }

    /** Fen for a yuan string such as {@code "0.01"}, {@code "12"} or {@code "12.3"}. */
    public static long toFen(String yuan) {
        if (yuan == null || !SHAPE.matcher(yuan).matches()) {
            throw new NotificationRejected(NotificationRejected.Reason.MALFORMED,
                    "total_amount must be yuan with at most 2 decimals: " + yuan);
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    /** The yuan string for an amount in fen: {@code 1230 → "12.30"}. */
    public static String ofFen(long fen) {
        if (fen < 0) throw new IllegalArgumentException("negative amount: " + fen);
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
