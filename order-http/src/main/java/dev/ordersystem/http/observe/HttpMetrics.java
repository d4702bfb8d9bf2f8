package dev.ordersystem.http.observe;

import dev.ordersystem.http.client.ClientAddresses;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends every request: records its latency in a histogram per route template (never per raw
 * path, which would explode the label set), writes one access-log line (logger
 * {@code dev.ordersystem.http.access} at DEBUG, with the client address, so a busy server pays nothing unless asked) and
 * clears the MDC.
 */
public final class HttpMetrics {
    private static final Logger access = LoggerFactory.getLogger("dev.ordersystem.http.access");

    private final MeterRegistry registry;
    private final Map<Route, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void finish(Context ctx, Float millis) {
        try {
            MDC.put(RequestIds.MDC_KEY, RequestIds.of(ctx));
            MDC.put(ClientAddresses.MDC_KEY, ClientAddresses.of(ctx));
            long nanos = (long) ((millis == null ? 0f : millis) * 1_000_000L);
            timers.computeIfAbsent(new Route(ctx.method().name(), route(ctx), ctx.statusCode()), this::timer)
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (access.isDebugEnabled()) access.debug("{} {} -> {} in {} ms from {}", ctx.method().name(), ctx.path(), ctx.statusCode(), millis,
                    ClientAddresses.of(ctx));
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            MDC.remove(ClientAddresses.MDC_KEY);
        }
    }

    /** Registering looks the meter up by its tags each time; a map of the few routes × statuses is much cheaper. */
    private Timer timer(Route key) {
        return Timer.builder("http.server.requests")
                .description("HTTP request latency per route")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .publishPercentileHistogram()
                .register(registry);
    }

    private record Route(String method, String route, int status) {
    }

    private static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException none) {
            return "unmatched";
        }
    }
}
