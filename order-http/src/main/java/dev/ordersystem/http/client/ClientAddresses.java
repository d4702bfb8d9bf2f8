package dev.ordersystem.http.client;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.util.Collections;
import java.util.List;

/**
 * Gives every request its client address (see {@link ProxyTrust}): kept on the request for the
 * limits, and in the SLF4J MDC as {@value #MDC_KEY} so every log line of the request carries it.
 */
public final class ClientAddresses {
    public static final String MDC_KEY = "client";
    private static final String ATTRIBUTE = "order-system.client";

    private final ProxyTrust trust;

    public ClientAddresses(ProxyTrust trust) {
        this.trust = trust;
    }

    public void begin(Context ctx) {
        List<String> values = trust.trusted().isEmpty() ? List.of()
                : Collections.list(ctx.req().getHeaders(trust.header().header()));
        String client = trust.clientOf(ctx.ip(), values);
        ctx.attribute(ATTRIBUTE, client);
        MDC.put(MDC_KEY, client);
    }

    /** The client address of {@code ctx}, or the TCP peer's before {@link #begin} ran. */
    public static String of(Context ctx) {
        String client = ctx.attribute(ATTRIBUTE);
        return client == null ? ctx.ip() : client;
    }
}
