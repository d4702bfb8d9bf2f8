package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.http.cors.Cors;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.http.json.JsonCodec;
import dev.ordersystem.http.observe.RequestIds;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Jetty's error page, for the requests Jetty refuses itself before any route runs: a URI with an
 * encoded NUL, a bad UTF-8 sequence or an ambiguous segment, a request line or headers too long.
 * Jetty answers those from its own error handler with an HTML page; this one answers them as every
 * other error is answered (DESIGN §10): {@code application/problem+json} with a code and a request
 * id. Such a request never reached the application, so nothing was written. When Jetty refused it
 * while still parsing (an encoded NUL), it kept no headers: the request id is then a fresh one.
 */
public final class JettyProblemHandler extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(JettyProblemHandler.class);

    private final JsonCodec json;
    private final Problems problems;
    private final Cors cors;

    public JettyProblemHandler(JsonCodec json, Problems problems, Cors cors) {
        this.json = json;
        this.problems = problems;
        this.cors = cors;
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Every method gets a body (Jetty's default is GET/POST/HEAD only), except HEAD, which has none. */
    @Override
    public boolean errorPageForMethod(String method) {
        return !"HEAD".equals(method);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        ErrorCode code = codeFor(status);
        String requestId = RequestIds.idFor(request.getHeaders().get(RequestIds.HEADER));
        String reason = message == null || message.isBlank() ? "-" : message;
        ProblemLanguage language = ProblemLanguage.of(request.getHeaders().get(ProblemLanguage.ACCEPT_LANGUAGE));
        // Jetty's reason is English and often only "Bad Request": it goes to the log, the client gets the catalogue's sentence.
        List<FieldError> errors = code == ErrorCode.VALIDATION_FAILED
                ? List.of(FieldError.of(fieldFor(status), FieldFault.REFUSED_BY_SERVER)) : List.of();
        Problem problem = problems.of(code, language, requestId, errors);
        log.debug("refused by Jetty ({} {}) request {}: {}", status, reason, requestId, cause == null ? "-" : cause.toString());
        response.setStatus(problem.status());
        // Jetty closes the connection after a request it could not parse, without saying so; a
        // client that reuses it then loses its next request. Say it (for every refusal here).
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponder.CONTENT_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.getHeaders().put(ProblemLanguage.CONTENT_LANGUAGE, language.contentLanguage());
        response.getHeaders().add(HttpHeader.VARY, ProblemLanguage.ACCEPT_LANGUAGE);
        // A page of an allowed origin must be able to read this refusal too.
        cors.addTo(request.getHeaders().get("Origin"), response.getHeaders()::add);
        response.write(true, ByteBuffer.wrap(json.write(problem)), callback);
    }

    /** The code of an HTTP status the server chose itself (here and for Javalin's own answers): a malformed request is 40005. */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.NOT_AUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.DEPENDENCY_DOWN;
            default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.UNEXPECTED;
        };
    }

    private static String fieldFor(int status) {
        return switch (status) {
            case 413 -> "body";
            case 414 -> "uri";
            case 431 -> "headers";
            // Jetty's reason is often just "Bad Request": the URI (an encoded NUL, bad UTF-8, an
            // ambiguous segment), the request line or a header; it does not say which.
            default -> "request";
        };
    }
}
