package dev.ordersystem.app;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code ORDER_RECONCILE_AT} (DESIGN §14): the local time of day, {@code HH:mm}, at which each
 * instance starts reconciling yesterday's provider bills (default 10:30: WeChat Pay and Alipay
 * have the previous day's bill ready by about 10:00 China time).
 */
public record ReconcileConfig(LocalTime at) {
    public static final LocalTime DEFAULT_AT = LocalTime.of(10, 30);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    static ReconcileConfig from(ConfigSource source, List<String> problems) {
        String text = source.get("ORDER_RECONCILE_AT").orElse(null);
        if (text == null) return new ReconcileConfig(DEFAULT_AT);
        try {
            if (!text.trim().matches("[0-9]{2}:[0-9]{2}")) throw new DateTimeParseException("not HH:mm", text, 0);
            return new ReconcileConfig(LocalTime.parse(text.trim(), HH_MM));
        } catch (DateTimeParseException e) {
            problems.add("ORDER_RECONCILE_AT: must be a local time of day HH:mm (00:00..23:59), was " + text);
            return new ReconcileConfig(DEFAULT_AT);
        }
    }
}
