package dev.ordersystem.core.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant's number of one provider-side trade ({@code out_trade_no}): the order number,
 * {@code _} and the order's attempt number, e.g. {@code 20261207135501123007042_1}. Each trade
 * of an order gets its own, so a closed trade is never reopened under the same number; the order
 * it pays is read back from the number itself. A bare order number is accepted too (trades
 * started before attempts were numbered). Fits both providers: WeChat takes 6..32 characters of
 * letters, digits and {@code _-|*}, Alipay up to 64 of letters, digits and {@code _}.
 */
public record OutTradeNo(String value) {
    private static final Pattern SHAPE = Pattern.compile("([0-9]{8,32})(?:_([1-9][0-9]{0,2}))?");

    public OutTradeNo {
        if (value == null || !SHAPE.matcher(value).matches() || value.length() > 32) {
            throw new IllegalArgumentException("out_trade_no must be an order number, optionally _ and 1..999, "
                    + "32 characters at most: " + value);
        }
    }

    /** The number of attempt {@code attempt} (1..999) of {@code orderNo}. */
    public static OutTradeNo of(OrderNo orderNo, int attempt) {
        if (attempt < 1 || attempt > 999) throw new IllegalArgumentException("attempt must be 1..999: " + attempt);
        return new OutTradeNo(orderNo.value() + "_" + attempt);
    }

    /** True when {@code text} has the shape of an out_trade_no (a notification's field, before trusting it). */
    public static boolean isWellFormed(String text) {
        return text != null && text.length() <= 32 && SHAPE.matcher(text).matches();
    }

    /** The order this trade pays. */
    public OrderNo orderNo() {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) throw new IllegalStateException(value);
        return new OrderNo(m.group(1));
    }

    @Override
    public String toString() {
        return value;
    }
}
