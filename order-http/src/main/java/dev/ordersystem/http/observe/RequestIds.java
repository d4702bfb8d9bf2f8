package dev.ordersystem.http.observe;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token, else a
 * fresh one. It goes back in the response header, into the SLF4J MDC (so every log line of the
 * request carries it) and into every problem body.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "order-system.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public void begin(Context ctx) {
        String id = idFor(ctx.header(HEADER));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** The client's offered id when it is a sane token (else null or junk), or a fresh one. */
    public static String idFor(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : fresh();
    }

    /** 128 random bits in hex: unique enough to find a request in the logs, cheap under load (no shared SecureRandom). */
    private static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** The id of the request {@code ctx}, or "-" before one was given. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
