package dev.ordersystem.http.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.ordersystem.core.port.WebhookSender.Answered;
import dev.ordersystem.core.port.WebhookSender.NoAnswer;
import dev.ordersystem.core.port.WebhookSender.SendResult;
import dev.ordersystem.core.port.WebhookSender.WebhookRequest;
import dev.ordersystem.core.usecase.event.TargetAddressRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK HttpClient sender against a local server: headers and body sent, redirects not followed, timeouts, the address rules. */
class JdkWebhookSenderTest {
    private final HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    JdkWebhookSenderTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            hits.add("/ok " + exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            hits.add("/moved");
            exchange.getResponseHeaders().add("Location", url("/ok").toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            hits.add("/slow");
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static WebhookRequest request(URI url) {
        return new WebhookRequest(url, Map.of("webhook-id", "evt_7", "webhook-timestamp", "1", "webhook-signature", "v1,x",
                "content-type", "application/json"), "{\"type\":\"order.paid\"}");
    }

    private final JdkWebhookSender allowing = new JdkWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(1), new TargetAddressRule(true));

    @Test
    void postsTheHeadersAndBody() {
        SendResult result = allowing.send(request(url("/ok")));

        assertThat(result).isInstanceOfSatisfying(Answered.class, a -> assertThat(a.accepted()).isTrue());
        assertThat(hits).containsExactly("/ok evt_7 {\"type\":\"order.paid\"}");
    }

    @Test
    void aRedirectIsAnAnswerNeverFollowed() {
        SendResult result = allowing.send(request(url("/moved")));

        assertThat(result).isInstanceOfSatisfying(Answered.class, a -> {
            assertThat(a.status()).isEqualTo(302);
            assertThat(a.accepted()).isFalse();
        });
        assertThat(hits).containsExactly("/moved");
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsNoAnswer() {
        SendResult result = allowing.send(request(url("/slow")));

        assertThat(result).isInstanceOfSatisfying(NoAnswer.class, n -> assertThat(n.reason()).containsIgnoringCase("timed out"));
    }

    @Test
    void aLoopbackTargetIsRefusedBeforeAnyConnectionUnlessAllowed() {
        JdkWebhookSender strict = new JdkWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(1), new TargetAddressRule(false));

        assertThat(strict.send(request(url("/ok")))).isInstanceOfSatisfying(NoAnswer.class,
                n -> assertThat(n.reason()).isEqualTo("refused: loopback address 127.0.0.1"));
        URI byName = URI.create("http://localhost:" + server.getAddress().getPort() + "/ok");
        assertThat(strict.refusal(byName)).hasValueSatisfying(why -> assertThat(why).startsWith("loopback address"));
        assertThat(strict.refusal(URI.create("http://no-such-host.invalid/x"))).contains("host no-such-host.invalid does not resolve");
        assertThat(hits).isEmpty();
    }
}
