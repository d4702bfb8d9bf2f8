package dev.ordersystem.harness;

import java.time.Duration;
import java.util.Map;

/**
 * One request for {@link WireHttp#send}: method and path as they go on the request line, an
 * optional bearer token, an optional body (sent as {@code application/json} unless the headers
 * name another type), extra headers, and how long to wait for the answer.
 */
public record WireRequest(String method, String path, String token, String body, Map<String, String> headers, Duration timeout) {
    /** What a request waits for its answer unless it says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public WireRequest {
        headers = Map.copyOf(headers);
    }

    public static WireRequest of(String method, String path) {
        return new WireRequest(method, path, null, null, Map.of(), DEFAULT_TIMEOUT);
    }

    public static WireRequest get(String path) {
        return of("GET", path);
    }

    public static WireRequest post(String path, String body) {
        return of("POST", path).withBody(body);
    }

    public WireRequest withToken(String bearer) {
        return new WireRequest(method, path, bearer, body, headers, timeout);
    }

    public WireRequest withBody(String text) {
        return new WireRequest(method, path, token, text, headers, timeout);
    }

    public WireRequest withHeaders(Map<String, String> more) {
        return new WireRequest(method, path, token, body, more, timeout);
    }

    public WireRequest withTimeout(Duration wait) {
        return new WireRequest(method, path, token, body, headers, wait);
    }
}
