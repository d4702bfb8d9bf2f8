package dev.ordersystem.http.provider;

import dev.ordersystem.core.port.provider.ProviderFailure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.function.Supplier;

/**
 * The JDK HTTP client every provider call goes through: bounded connect and answer timeouts, and
 * a bounded number of attempts for calls the caller declares safe to repeat. Each attempt builds
 * its request afresh (a new WeChat nonce and timestamp, a new Alipay timestamp and signature).
 */
public final class ProviderWire {
    /** What the provider answered, before any signature was checked. */
    record Answer(int status, HttpHeaders headers, String body) {
    }

    /** Whether a call may be sent again when a try got no answer. */
    enum Repeat { SAFE, ONCE }

    private final HttpClient client;
    private final ProviderTimeouts timeouts;

    public ProviderWire(ProviderTimeouts timeouts) {
        this.timeouts = timeouts;
        this.client = HttpClient.newBuilder().connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Sends {@code request} (built once per attempt) and returns the first answer below 500; a
     * connection failure, a timeout or a 5xx is tried again when {@code repeat} is SAFE, up to the
     * configured attempts, and then thrown as a {@link ProviderCallFailed}.
     */
    Answer send(String operation, Repeat repeat, Supplier<HttpRequest.Builder> request) {
        HttpResponse<String> response = exchange(operation, repeat, request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    /**
     * As {@link #send}, keeping the answer's bytes exactly as sent (a bill file, whose hash is
     * checked over its bytes).
     */
    HttpResponse<byte[]> download(String operation, Supplier<HttpRequest.Builder> request) {
        return exchange(operation, Repeat.SAFE, request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <B> HttpResponse<B> exchange(String operation, Repeat repeat, Supplier<HttpRequest.Builder> request,
                                         HttpResponse.BodyHandler<B> body) {
        int attempts = repeat == Repeat.SAFE ? timeouts.attempts() : 1;
        ProviderFailure last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !pause()) break;
            try {
                HttpResponse<B> response = client.send(request.get().timeout(timeouts.answer()).build(), body);
                if (response.statusCode() < 500) return response;
                last = new ProviderFailure.ProviderError(response.statusCode(), "HTTP_" + response.statusCode(),
                        operation + " answered " + response.statusCode());
            } catch (HttpConnectTimeoutException e) {
                last = new ProviderFailure.Unreachable(operation + ": connect timed out after " + timeouts.connect().toMillis() + " ms");
            } catch (HttpTimeoutException e) {
                last = new ProviderFailure.TimedOut(operation + ": no answer within " + timeouts.answer().toMillis() + " ms");
            } catch (ConnectException e) {
                last = new ProviderFailure.Unreachable(operation + ": connection refused");
            } catch (IOException e) {
                last = new ProviderFailure.Unreachable(operation + ": " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderCallFailed(new ProviderFailure.Unreachable(operation + ": interrupted"));
            }
        }
        throw new ProviderCallFailed(last);
    }

    private boolean pause() {
        try {
            Thread.sleep(timeouts.backoff());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
