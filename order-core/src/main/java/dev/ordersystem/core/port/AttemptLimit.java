package dev.ordersystem.core.port;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often one key (a client address, a username) may try something: {@code burst} attempts at
 * once, and the budget refills evenly over {@code window}, one attempt every
 * {@code window / burst}. Written {@code <burst>/<window>} with the window in seconds, minutes or
 * hours: {@code 20/1m} is 20 at once, then one every 3 s; a key quiet for the whole window has its
 * full burst again.
 *
 * @param name   the budget's name, part of every key it counts ({@code login-client}, ...)
 * @param burst  attempts allowed at once, 1..1,000,000
 * @param window the time to refill the whole burst, 1 s..24 h
 */
public record AttemptLimit(String name, int burst, Duration window) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,7})/(\\d{1,5})([smh])");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Duration LONGEST = Duration.ofHours(24);

    public AttemptLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("a budget name is 1..32 of a-z, 0-9 and -, was " + name);
        if (burst < 1 || burst > 1_000_000) throw new IllegalArgumentException("the burst must be 1..1000000, was " + burst);
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the window must be 1s..24h, was " + window);
        }
    }

    /**
     * Reads {@code <burst>/<window>}, e.g. {@code 20/1m}, {@code 5/30s}, {@code 100/1h}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static AttemptLimit parse(String name, String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be <burst>/<window> like 20/1m (window in s, m or h), was '" + text + "'");
        }
        long amount = Long.parseLong(m.group(2));
        Duration window = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return new AttemptLimit(name, Integer.parseInt(m.group(1)), window);
    }

    /** The time one attempt takes to come back: {@code window / burst}. */
    public Duration refillEvery() {
        return window.dividedBy(burst);
    }

    /** In the form {@link #parse} reads, the window in seconds: {@code 20/60s}. */
    public String text() {
        return burst + "/" + window.toSeconds() + "s";
    }
}
