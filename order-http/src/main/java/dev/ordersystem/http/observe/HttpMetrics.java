package dev.ordersystem.http.observe;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;

/**
 * Ends every request: records its latency in a histogram per route template (never per raw
 * path, which would explode the label set), writes one access-log line (logger
 * {@code dev.ordersystem.http.access} at DEBUG, so a busy server pays nothing unless asked) and
 * clears the MDC.
 */
public final class HttpMetrics {
    private static final Logger access = LoggerFactory.getLogger("dev.ordersystem.http.access");

    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void finish(Context ctx, Float millis) {
        try {
            MDC.put(RequestIds.MDC_KEY, RequestIds.of(ctx));
            long nanos = (long) ((millis == null ? 0f : millis) * 1_000_000L);
            Timer.builder("http.server.requests")
                    .description("HTTP request latency per route")
                    .tag("method", ctx.method().name())
                    .tag("route", route(ctx))
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.ofNanos(nanos));
            if (access.isDebugEnabled()) access.debug("{} {} -> {} in {} ms", ctx.method().name(), ctx.path(), ctx.statusCode(), millis);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
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
