package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.OrderSystemException;
import dev.ordersystem.http.json.JsonCodec;
import dev.ordersystem.http.observe.RequestIds;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns every failure into {@code application/problem+json} (DESIGN §10), in the language the
 * caller's {@code Accept-Language} prefers (with {@code Content-Language}). Domain refusals keep
 * their code; their detail is a sentence built from the values they carry; anything unexpected is
 * logged with its stack trace and answered 50001 with the request id only, so no internals reach
 * the client.
 */
public final class ProblemResponder {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    private final JsonCodec json;
    private final Problems problems;

    public ProblemResponder(JsonCodec json, Problems problems) {
        this.json = json;
        this.problems = problems;
    }

    public void register(RoutesConfig routes) {
        routes.exception(OrderSystemException.class, (e, ctx) -> refused(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> frameworkAnswer(ctx, e));
        routes.exception(Exception.class, (e, ctx) -> unexpected(ctx, e));
    }

    private void send(Context ctx, Problem problem, ProblemLanguage language) {
        UnreadBody.discard(ctx);
        ctx.header(ProblemLanguage.CONTENT_LANGUAGE, language.contentLanguage());
        ctx.res().addHeader("Vary", ProblemLanguage.ACCEPT_LANGUAGE);
        ctx.status(problem.status()).contentType(CONTENT_TYPE).result(json.write(problem));
    }

    private static ProblemLanguage language(Context ctx) {
        return ProblemLanguage.of(ctx.header(ProblemLanguage.ACCEPT_LANGUAGE));
    }

    private void refused(Context ctx, OrderSystemException e) {
        if (e instanceof RateLimited limited) ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
        if (e.code() == ErrorCode.DEPENDENCY_DOWN) ctx.header("Retry-After", "1"); // nothing was written: the same request may come again
        if (e.code() == ErrorCode.NOT_AUTHENTICATED) ctx.header("WWW-Authenticate", "Bearer");
        log.debug("refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        ProblemLanguage language = language(ctx);
        send(ctx, problems.refusal(e, language, RequestIds.of(ctx)), language);
    }

    /** Javalin's own answers: no route (404), wrong method (405), and the like. */
    private void frameworkAnswer(Context ctx, HttpResponseException e) {
        ErrorCode code = JettyProblemHandler.codeFor(e.getStatus());
        log.debug("answered by Javalin {} {}: {} {}", ctx.method(), ctx.path(), e.getStatus(), e.getMessage());
        ProblemLanguage language = language(ctx);
        List<FieldError> errors = code == ErrorCode.VALIDATION_FAILED
                ? List.of(FieldError.of("body", FieldFault.REFUSED_BY_SERVER)) : List.of();
        send(ctx, problems.of(code, language, RequestIds.of(ctx), errors), language);
    }

    private void unexpected(Context ctx, Exception e) {
        ProblemLanguage language = language(ctx);
        if (ConnectionLoss.anywhereIn(e)) {
            // The database went away mid-request (restart, failover): the transaction did not
            // commit, so the client may safely try again: 503/50300, not an unexpected 500.
            log.warn("database connection lost on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ctx.header("Retry-After", "1");
            send(ctx, problems.of(ErrorCode.DEPENDENCY_DOWN, language, RequestIds.of(ctx), List.of()), language);
            return;
        }
        log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        send(ctx, problems.of(ErrorCode.UNEXPECTED, language, RequestIds.of(ctx), List.of()), language);
    }
}
