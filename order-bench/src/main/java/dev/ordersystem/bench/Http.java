package dev.ordersystem.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The load generator's HTTP side: one shared JDK client on loopback, bounded request timeouts. */
final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String base;
    private final WireHttp wire;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.wire = new WireHttp(port);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return get(path, token, TIMEOUT);
    }

    HttpResponse<String> get(String path, String token, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Status only, body discarded, over the light wire client: what the load loops need. */
    int getStatus(String path, String token) throws IOException {
        return wire.send("GET", path, token, null);
    }

    int postStatus(String path, String token, String json) throws IOException {
        return wire.send("POST", path, token, json);
    }
}
