package dev.ordersystem.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.http.ShopSteps.Buyer;
import dev.ordersystem.http.cors.CorsOrigins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real browser (headless Chromium) on a page of another origin calls the API with {@code fetch}:
 * the shop's origin, configured in {@code ORDER_CORS_ORIGINS}, logs in, places an order and reads
 * a 409 problem and its request id; a page of an origin not configured is blocked by the browser
 * itself. Each page is served by a tiny JDK HTTP server on its own loopback port and posts what it
 * saw back to it; no WebDriver is needed.
 */
class BrowserCorsIT {
    private static final long PAGE_TIMEOUT_SECONDS = 120;

    private final List<HttpServer> pageServers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private TestServer api;

    @AfterEach
    void stop() throws IOException {
        pageServers.forEach(server -> server.stop(0));
        if (api != null) api.close();
        for (Path profile : profiles) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void aPageOfTheShopsOriginPlacesAnOrderAndReadsAProblemAndAnotherOriginIsBlocked() throws Exception {
        Path chromium = chromium();
        Page shopPage = new Page();
        Page strangerPage = new Page();
        api = TestServer.builder().settings(HttpSettings.defaults(TestServer.ADMIN)
                        .withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "1000/1s"))
                        .withLoginPerClient(AttemptLimit.parse(HttpSettings.LOGIN_PER_CLIENT, "10000/1s"))
                        .withRegisterPerClient(AttemptLimit.parse(HttpSettings.REGISTER_PER_CLIENT, "10000/1s"))
                        .withCors(CorsOrigins.parse(shopPage.origin())))
                .start();
        ShopSteps shop = new ShopSteps(api);
        Buyer buyer = shop.buyer();
        long product = shop.product("browser-mug", 1_000, 5);
        String apiBase = "http://127.0.0.1:" + api.app().port();

        shopPage.serve(shopScript(apiBase, buyer, product));
        JsonNode seen = shopPage.openIn(chromium);

        assertThat(seen.path("error").isMissingNode()).as(seen.toString()).isTrue();
        assertThat(seen.get("login").asInt()).isEqualTo(200);
        assertThat(seen.get("placed").asInt()).isEqualTo(201);
        assertThat(seen.get("location").asText()).isEqualTo("/api/v1/orders/" + seen.get("orderNo").asText());
        assertThat(seen.get("replayed").asText()).isEqualTo("true");
        assertThat(seen.get("replayedOrderNo").asText()).isEqualTo(seen.get("orderNo").asText());
        assertThat(seen.get("cancelled").asInt()).isEqualTo(200);
        assertThat(seen.get("payStatus").asInt()).isEqualTo(409);
        assertThat(seen.get("payCode").asInt()).isEqualTo(40004);
        assertThat(seen.get("payDetail").asText()).isNotBlank();
        assertThat(seen.get("payRequestId").asText()).isNotBlank().isEqualTo(seen.get("payProblemRequestId").asText());
        assertThat(seen.get("etag").asText()).startsWith("\"");

        strangerPage.serve(strangerScript(apiBase, product));
        JsonNode blocked = strangerPage.openIn(chromium);

        assertThat(blocked.get("read").asText()).as(blocked.toString()).startsWith("rejected: TypeError");
        assertThat(blocked.get("place").asText()).as(blocked.toString()).startsWith("rejected: TypeError");
        // The order the stranger's page tried was never placed: its preflight got no allow headers.
        assertThat(api.get("/api/v1/orders", buyer.token()).json().get("items")).hasSize(1);
    }

    private static String shopScript(String api, Buyer buyer, long product) {
        return """
                const api = '%s';
                const out = {};
                const json = (token, extra) => Object.assign({'Content-Type': 'application/json'},
                    token ? {'Authorization': 'Bearer ' + token} : {}, extra || {});
                async function run() {
                  let r = await fetch(api + '/api/v1/auth/login', {method: 'POST', headers: json(),
                      body: JSON.stringify({username: '%s', password: 'secret-pass-1'})});
                  out.login = r.status;
                  const token = (await r.json()).token;
                  const order = JSON.stringify({items: [{productId: %d, quantity: 1}], addressId: %d, paymentMethod: 'WECHAT'});
                  r = await fetch(api + '/api/v1/orders', {method: 'POST', headers: json(token, {'Idempotency-Key': 'page-1'}), body: order});
                  out.placed = r.status;
                  out.location = r.headers.get('Location');
                  out.orderNo = (await r.json()).orderNo;
                  r = await fetch(api + '/api/v1/orders', {method: 'POST', headers: json(token, {'Idempotency-Key': 'page-1'}), body: order});
                  out.replayed = r.headers.get('Idempotent-Replayed');
                  out.replayedOrderNo = (await r.json()).orderNo;
                  r = await fetch(api + '/api/v1/orders/' + out.orderNo + '/cancel', {method: 'POST', headers: {'Authorization': 'Bearer ' + token}});
                  out.cancelled = r.status;
                  r = await fetch(api + '/api/v1/orders/' + out.orderNo + '/pay', {method: 'POST', headers: json(token),
                      body: JSON.stringify({method: 'BALANCE'})});
                  out.payStatus = r.status;
                  out.payRequestId = r.headers.get('X-Request-Id');
                  const problem = await r.json();
                  out.payCode = problem.code;
                  out.payDetail = problem.detail;
                  out.payProblemRequestId = problem.requestId;
                  r = await fetch(api + '/api/v1/products/%d');
                  out.etag = r.headers.get('ETag');
                }
                run().catch(e => { out.error = String(e); }).finally(() =>
                    fetch('/result', {method: 'POST', body: JSON.stringify(out)}));
                """.formatted(api, buyer.username(), product, buyer.addressId(), product);
    }

    private static String strangerScript(String api, long product) {
        return """
                const api = '%s';
                const out = {};
                const attempt = async (name, call) => {
                  try { const r = await call(); out[name] = 'read ' + r.status; }
                  catch (e) { out[name] = 'rejected: ' + e.name; }
                };
                async function run() {
                  await attempt('read', () => fetch(api + '/api/v1/products/%d'));
                  await attempt('place', () => fetch(api + '/api/v1/orders', {method: 'POST',
                      headers: {'Content-Type': 'application/json', 'Idempotency-Key': 'stranger-1'}, body: '{}'}));
                }
                run().finally(() => fetch('/result', {method: 'POST', body: JSON.stringify(out)}));
                """.formatted(api, product);
    }

    /** Debian's chromium on the PATH; the test fails saying how to get it when it is missing. */
    private static Path chromium() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "chromium")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) fail("this test drives a real headless Chromium, which is not installed: apt-get install chromium");
        return found.get();
    }

    /** One page on its own origin (a loopback port), and the result its script posts back. */
    private final class Page {
        private final HttpServer server;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private volatile String script = "";

        Page() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::answer);
            server.start();
            pageServers.add(server);
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void serve(String value) {
            script = value;
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                byte[] reply;
                if (path.equals("/page.html")) {
                    reply = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>shop</title></head><body><script>"
                            + script + "</script></body></html>").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                } else if (path.equals("/result") && exchange.getRequestMethod().equals("POST")) {
                    result.complete(body);
                    reply = new byte[0];
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, reply.length == 0 ? -1 : reply.length);
                if (reply.length > 0) try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        }

        /** Opens the page in a fresh headless Chromium and waits (generously) for what its script saw. */
        JsonNode openIn(Path chromium) throws Exception {
            Path profile = Files.createTempDirectory("order-chromium-");
            profiles.add(profile);
            Path log = profile.resolve("chromium.log");
            Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("data"),
                    origin() + "/page.html")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                return TestServer.JSON.readTree(result.get(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                String output = Files.exists(log) ? Files.readString(log) : "";
                throw new AssertionError("the page did not report within " + PAGE_TIMEOUT_SECONDS + " s; chromium "
                        + (browser.isAlive() ? "still runs" : "exited " + browser.exitValue()) + ":\n" + output, e);
            } finally {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
                browser.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
