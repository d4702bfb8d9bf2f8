package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.OrderSystemException;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.http.json.JsonCodec;
import dev.ordersystem.http.observe.RequestIds;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns every failure into {@code application/problem+json} (DESIGN §10). Domain refusals keep
 * their code and message; anything unexpected is logged with its stack trace and answered 50001
 * with the request id only, so no internals reach the client.
 */
public final class ProblemResponder {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    private final JsonCodec json;

    public ProblemResponder(JsonCodec json) {
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.exception(OrderSystemException.class, (e, ctx) -> refused(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> frameworkAnswer(ctx, e));
        routes.exception(Exception.class, (e, ctx) -> unexpected(ctx, e));
    }

    public void send(Context ctx, ErrorCode code, String detail, List<FieldError> errors) {
        ProblemKind kind = ProblemKind.of(code);
        Problem problem = new Problem(kind.type(), kind.title(), kind.status(), detail, code.number(), errors,
                RequestIds.of(ctx));
        UnreadBody.discard(ctx);
        ctx.status(kind.status()).contentType(CONTENT_TYPE).result(json.write(problem));
    }

    private void refused(Context ctx, OrderSystemException e) {
        List<FieldError> errors = e instanceof ValidationFailed invalid ? invalid.errors() : List.of();
        if (e instanceof RateLimited limited) ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
        if (e.code() == ErrorCode.NOT_AUTHENTICATED) ctx.header("WWW-Authenticate", "Bearer");
        log.debug("refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        send(ctx, e.code(), e.getMessage(), errors);
    }

    /** Javalin's own answers: no route (404), wrong method (405), and the like. */
    private void frameworkAnswer(Context ctx, HttpResponseException e) {
        ErrorCode code = switch (e.getStatus()) {
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 401 -> ErrorCode.NOT_AUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.DEPENDENCY_DOWN;
            default -> e.getStatus() >= 400 && e.getStatus() < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.UNEXPECTED;
        };
        String detail = code == ErrorCode.NOT_FOUND ? "no such resource: " + ctx.method() + " " + ctx.path()
                : code == ErrorCode.UNEXPECTED ? "unexpected failure; quote request id " + RequestIds.of(ctx) : e.getMessage();
        send(ctx, code, detail, code == ErrorCode.VALIDATION_FAILED ? List.of(new FieldError("body", e.getMessage())) : List.of());
    }

    private void unexpected(Context ctx, Exception e) {
        if (ConnectionLoss.anywhereIn(e)) {
            // The database went away mid-request (restart, failover): the transaction did not
            // commit, so the client may safely try again: 503/50300, not an unexpected 500.
            log.warn("database connection lost on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ctx.header("Retry-After", "1");
            send(ctx, ErrorCode.DEPENDENCY_DOWN, "the database is unreachable; try again", List.of());
            return;
        }
        log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        send(ctx, ErrorCode.UNEXPECTED, "unexpected failure; quote request id " + RequestIds.of(ctx), List.of());
    }
}
