package dev.ordersystem.http.webhook;

import dev.ordersystem.core.port.WebhookSender;
import dev.ordersystem.core.usecase.event.TargetAddressRule;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts webhooks with the JDK's HttpClient: HTTP/1.1, a short connect timeout and a short timeout
 * for the whole answer, redirects never followed (a 3xx is a failed attempt). Before every send the
 * URL's host is resolved and each of its addresses checked against {@link TargetAddressRule}, so a
 * name that later resolves to a private or metadata address is refused at that moment.
 *
 * <p>The HttpClient resolves the name once more when it connects; a DNS server that answers
 * differently within those milliseconds (rebinding) is not caught here. Shops that need that closed
 * send webhooks through an egress proxy that enforces the same rule.
 */
public final class JdkWebhookSender implements WebhookSender {
    private static final String USER_AGENT = "order-system-webhooks/1";

    private final HttpClient client;
    private final Duration timeout;
    private final TargetAddressRule rule;

    public JdkWebhookSender(Duration connectTimeout, Duration timeout, TargetAddressRule rule) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.timeout = timeout;
        this.rule = rule;
    }

    @Override
    public SendResult send(WebhookRequest request) {
        long start = System.nanoTime();
        Optional<String> refused = refusal(request.url());
        if (refused.isPresent()) return new NoAnswer("refused: " + refused.get(), since(start));
        HttpRequest.Builder http = HttpRequest.newBuilder(request.url())
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(http::header);
        try {
            HttpResponse<Void> answer = client.send(http.build(), HttpResponse.BodyHandlers.discarding());
            return new Answered(answer.statusCode(), since(start));
        } catch (IOException e) {
            return new NoAnswer(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NoAnswer("interrupted", since(start));
        }
    }

    @Override
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) return Optional.of("no host");
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = rule.refusal(address);
            if (why.isPresent()) return why;
        }
        return Optional.empty();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
