package dev.ordersystem.harness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wire client against a loopback server that answers canned bytes: what it writes, how it
 * frames the answers the app gives (length, chunked, none, until close), and how it fails.
 */
class WireHttpTest {
    private final ServerSocket server = new ServerSocket(0);
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final WireHttp http = new WireHttp(server.getLocalPort());

    WireHttpTest() throws IOException {
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Reads each request (head, and the body its Content-Length names), answers the next canned answer verbatim. */
    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) return;
                    head.write(c);
                }
                String text = head.toString(StandardCharsets.ISO_8859_1);
                int length = text.lines().filter(l -> l.startsWith("Content-Length: ")).mapToInt(l -> Integer.parseInt(l.substring(16))).findFirst().orElse(0);
                requests.add(text + new String(in.readNBytes(length), StandardCharsets.UTF_8));
                String answer = answers.take();
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                if (answer.contains("Connection: close")) return;
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    @AfterEach
    void close() throws IOException {
        http.close();
        server.close();
    }

    @Test
    void theLoadCallReadsTheStatusAndSkipsEachBodyOnOneKeptConnection() throws IOException {
        answers.add("HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello");
        answers.add("HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        answers.add("HTTP/1.1 204 No Content\r\n\r\n");
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(http.status("POST", "/api/v1/orders", "tok", "{\"a\":1}")).isEqualTo(201);
        assertThat(http.status("GET", "/x", null, null)).isEqualTo(409);
        assertThat(http.status("GET", "/y", null, null)).isEqualTo(204);
        assertThat(http.status("GET", "/z", null, null)).isEqualTo(200);

        assertThat(connections.get()).isEqualTo(1);
        assertThat(requests.getFirst()).startsWith("POST /api/v1/orders HTTP/1.1\r\n")
                .contains("Authorization: Bearer tok\r\n", "Content-Type: application/json\r\n", "Content-Length: 7\r\n")
                .endsWith("\r\n\r\n{\"a\":1}");
        assertThat(requests.get(1)).doesNotContain("Authorization", "Content-Length");
    }

    @Test
    void sendAnswersInFullOnAConnectionOfItsOwn() throws IOException {
        answers.add("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nX-Request-Id: r1\r\n"
                + "Content-Length: 27\r\n\r\n{\"code\":40005,\"name\":\"né\"}");
        answers.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nsucc\r\n3\r\ness\r\n0\r\n\r\n");
        answers.add("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");

        WireReply problem = http.send(WireRequest.post("/api/v1/orders", "{\"q\":\"é\"}").withToken("tok")
                .withHeaders(Map.of("Idempotency-Key", "k-1")));
        WireReply chunked = http.send(WireRequest.post("/notify", "a=1").withHeaders(Map.of("Content-Type", "application/x-www-form-urlencoded")));
        WireReply untilClose = http.send(WireRequest.get("/metrics"));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo(40005);
        assertThat(problem.json().path("name").asText()).isEqualTo("né");
        assertThat(problem.header("content-type")).isEqualTo("application/problem+json");
        assertThat(problem.header("X-Missing")).isEmpty();
        assertThat(chunked.text()).isEqualTo("success");
        assertThat(untilClose.text()).isEqualTo("until the end");
        assertThat(connections.get()).isEqualTo(3);
        assertThat(requests.getFirst()).contains("Connection: close\r\n", "Authorization: Bearer tok\r\n", "Idempotency-Key: k-1\r\n",
                "Content-Type: application/json\r\n", "Content-Length: 10\r\n");
        assertThat(requests.get(1)).contains("Content-Type: application/x-www-form-urlencoded\r\n").doesNotContain("application/json");
    }

    @Test
    void aHeadAnswerHasNoBodyWhateverItsLengthSays() throws IOException {
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 120\r\n\r\n");
        assertThat(http.send(WireRequest.of("HEAD", "/api/v1/products/1")).text()).isEmpty();
    }

    @Test
    void whatCannotGoOnTheWireIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> http.send(WireRequest.get("/a").withHeaders(Map.of("X-Request-Id", "a\u0000b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> http.send(WireRequest.get("/a\r\nX: y"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(connections.get()).isZero();
    }

    @Test
    void noAnswerInTimeIsATimeoutAndNobodyListeningIsARefusal() throws IOException {
        assertThatThrownBy(() -> http.send(WireRequest.get("/slow").withTimeout(Duration.ofMillis(200))))
                .isInstanceOf(SocketTimeoutException.class);
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0)) {
            closedPort = gone.getLocalPort();
        }
        assertThatThrownBy(() -> new WireHttp(closedPort).send(WireRequest.get("/"))).isInstanceOf(ConnectException.class);
    }
}
