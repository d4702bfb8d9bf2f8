package dev.ordersystem.core.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant's number of one refund ({@code out_refund_no} at WeChat Pay, {@code out_request_no}
 * at Alipay): the order number, {@code _r} and the order's refund sequence, e.g.
 * {@code 20261207135501123007042_r1}. Deterministic, so a refund call repeated after a timeout
 * carries the same number and the provider refunds once. Fits both providers (WeChat 1..64 of
 * letters, digits and {@code _-|*@}; Alipay up to 64).
 */
public record RefundNo(String value) {
    private static final Pattern SHAPE = Pattern.compile("([0-9]{8,32})_r([1-9][0-9]{0,2})");

    public RefundNo {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("out_refund_no must be an order number, _r and 1..999: " + value);
        }
    }

    /** Refund {@code sequence} (1..999) of {@code orderNo}. */
    public static RefundNo of(OrderNo orderNo, int sequence) {
        if (sequence < 1 || sequence > 999) throw new IllegalArgumentException("refund sequence must be 1..999: " + sequence);
        return new RefundNo(orderNo.value() + "_r" + sequence);
    }

    /** True when {@code text} has the shape of a refund number (a notification's field, before trusting it). */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    public OrderNo orderNo() {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) throw new IllegalStateException(value);
        return new OrderNo(m.group(1));
    }

    public int sequence() {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) throw new IllegalStateException(value);
        return Integer.parseInt(m.group(2));
    }

    @Override
    public String toString() {
        return value;
    }
}
