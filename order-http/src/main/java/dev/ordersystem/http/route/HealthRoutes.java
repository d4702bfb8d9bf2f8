package dev.ordersystem.http.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ordersystem.http.ReadinessCheck;
import dev.ordersystem.http.ReadinessCheck.DependencyStatus;
import dev.ordersystem.http.ReadinessCheck.State;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Liveness (the process answers), readiness (the database and Redis answer: 503 and code 50300
 * otherwise, so a balancer stops sending traffic) and the Prometheus scrape.
 */
public final class HealthRoutes {
    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);

    private final ReadinessCheck readiness;
    private final PrometheusMeterRegistry registry;
    private final JsonReplies replies;

    public HealthRoutes(ReadinessCheck readiness, PrometheusMeterRegistry registry, JsonReplies replies) {
        this.readiness = readiness;
        this.registry = registry;
        this.replies = replies;
    }

    /** {@code code} is 50300 when not ready, as in DESIGN §10, so a client can tell why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, Integer code, List<DependencyStatus> checks) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> replies.ok(ctx, new Health("UP", null, List.of())));
        routes.get("/health/ready", this::ready);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }

    private void ready(Context ctx) {
        List<DependencyStatus> checks;
        try {
            checks = List.copyOf(readiness.check());
        } catch (RuntimeException e) {
            log.warn("readiness check failed", e);
            checks = List.of(DependencyStatus.down("readiness", "check failed: " + e.getClass().getSimpleName()));
        }
        boolean ready = checks.stream().allMatch(c -> c.state() == State.UP);
        replies.send(ctx, ready ? 200 : 503, new Health(ready ? "UP" : "DOWN", ready ? null : 50300, checks));
    }
}
