package dev.ordersystem.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.client.ForwardedHeader;
import dev.ordersystem.http.client.ProxyTrust;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.ordersystem.http.ErrorCodesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shoppers behind a reverse proxy: every request comes from 127.0.0.1 here, the proxy's address
 * when it is trusted, an untrusted stranger's when it is not. The limits have the default bursts
 * (20 logins per client, 5 per username, 20 registrations per client) but refill over 20 h
 * instead of 1 m, so a slow machine cannot hand back an attempt in the middle of a test.
 */
class ProxiedClientsTest {
    private static final String PASSWORD = "secret-pass-1";
    private static final HttpSettings DEFAULTS = HttpSettings.defaults(TestServer.ADMIN)
            .withLoginPerClient(AttemptLimit.parse(HttpSettings.LOGIN_PER_CLIENT, "20/20h"))
            .withLoginPerUsername(AttemptLimit.parse(HttpSettings.LOGIN_PER_USERNAME, "5/20h"))
            .withRegisterPerClient(AttemptLimit.parse(HttpSettings.REGISTER_PER_CLIENT, "20/20h"));
    private static final ProxyTrust LOOPBACK_PROXY = ProxyTrust.parse("127.0.0.1, ::1", ForwardedHeader.X_FORWARDED_FOR);

    @Test
    void twoHundredShoppersBehindATrustedProxyAllLogInAtOnce() throws Exception {
        int shoppers = 200;
        try (TestServer server = TestServer.builder().settings(DEFAULTS.withProxies(LOOPBACK_PROXY)).start()) {
            for (int i = 0; i < shoppers; i++) {
                Reply registered = server.post("/api/v1/auth/register", null, Map.of("username", "shopper" + i, "password", PASSWORD),
                        forwardedFor(i));
                assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            }

            List<Reply> logins = atOnce(shoppers, i -> server.post("/api/v1/auth/login", null,
                    Map.of("username", "shopper" + i, "password", PASSWORD), forwardedFor(i)));

            Set<String> tokens = new HashSet<>();
            for (Reply login : logins) {
                assertThat(login.status()).as(login.toString()).isEqualTo(200);
                tokens.add(login.json().get("token").asText());
            }
            assertThat(tokens).hasSize(shoppers);
            // The limit is still there, per forwarded address: shopper 7's address has 19 attempts left.
            for (int attempt = 0; attempt < 19; attempt++) {
                server.post("/api/v1/auth/login", null, Map.of("username", "nobody" + attempt, "password", PASSWORD), forwardedFor(7));
            }
            assertRateLimited(server.post("/api/v1/auth/login", null, Map.of("username", "shopper8", "password", PASSWORD),
                    forwardedFor(7)));
            assertThat(server.post("/api/v1/auth/login", null, Map.of("username", "shopper8", "password", PASSWORD),
                    forwardedFor(8)).status()).isEqualTo(200);
            assertThat(server.get("/metrics", null).text()).contains("auth_attempts_refused_total{limit=\"login-client\"} 1.0");
        }
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerChangesNothing() {
        // No proxy trusted (the default), and a proxy trusted that is not the caller: the header is ignored either way.
        for (HttpSettings settings : List.of(DEFAULTS,
                DEFAULTS.withProxies(ProxyTrust.parse("10.0.0.0/8, fd00::/8", ForwardedHeader.X_FORWARDED_FOR)))) {
            try (TestServer server = TestServer.builder().settings(settings).start()) {
                for (int i = 0; i < 20; i++) {
                    Reply login = server.post("/api/v1/auth/login", null, Map.of("username", "guess" + i, "password", PASSWORD),
                            forwardedFor(i));
                    assertProblem(login, 401, 40100);
                }
                assertRateLimited(server.post("/api/v1/auth/login", null, Map.of("username", "guess-more", "password", PASSWORD),
                        forwardedFor(99)));
                assertRateLimited(server.post("/api/v1/auth/login", null, Map.of("username", "guess-more", "password", PASSWORD),
                        Map.of("Forwarded", "for=198.51.100.99")));
            }
        }
    }

    @Test
    void whatAShopperWritesLeftOfTheProxysEntryIsNotBelieved() {
        try (TestServer server = TestServer.builder().settings(DEFAULTS.withProxies(LOOPBACK_PROXY)).start()) {
            // The proxy appends the address it saw (203.0.113.7) to whatever the shopper sent.
            for (int i = 0; i < 20; i++) {
                assertProblem(server.post("/api/v1/auth/login", null, Map.of("username", "guess" + i, "password", PASSWORD),
                        Map.of("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.7")), 401, 40100);
            }
            assertRateLimited(server.post("/api/v1/auth/login", null, Map.of("username", "guess-more", "password", PASSWORD),
                    Map.of("X-Forwarded-For", "198.51.100.200, 203.0.113.7")));
            // A broken header from the proxy counts against the proxy's own address, never a chosen one.
            for (int i = 0; i < 20; i++) {
                server.post("/api/v1/auth/login", null, Map.of("username", "broken" + i, "password", PASSWORD),
                        Map.of("X-Forwarded-For", "198.51.100." + i + ", not-an-address"));
            }
            assertRateLimited(server.post("/api/v1/auth/login", null, Map.of("username", "broken", "password", PASSWORD),
                    Map.of("X-Forwarded-For", "203.0.113.99, bogus")));
        }
    }

    @Test
    void registrationIsLimitedPerClient() {
        try (TestServer server = TestServer.builder().settings(DEFAULTS
                .withRegisterPerClient(AttemptLimit.parse(HttpSettings.REGISTER_PER_CLIENT, "3/1h"))).start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(server.post("/api/v1/auth/register", null, Map.of("username", "new" + i, "password", PASSWORD)).status())
                        .isEqualTo(201);
            }

            assertRateLimited(server.post("/api/v1/auth/register", null, Map.of("username", "new3", "password", PASSWORD)));

            // Refused before anything was written: the name is not taken, and cannot log in.
            assertProblem(server.post("/api/v1/auth/login", null, Map.of("username", "new3", "password", PASSWORD)), 401, 40100);
            assertThat(server.get("/metrics", null).text()).contains("auth_attempts_refused_total{limit=\"register-client\"} 1.0");
        }
    }

    @Test
    void logLinesOfARequestCarryTheForwardedClientAddress() throws InterruptedException {
        Logger root = (Logger) LoggerFactory.getLogger("dev.ordersystem");
        Logger access = (Logger) LoggerFactory.getLogger("dev.ordersystem.http.access");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Level rootLevel = root.getLevel();
        Level accessLevel = access.getLevel();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        access.setLevel(Level.DEBUG);
        List<ILoggingEvent> events = new ArrayList<>();
        try (TestServer server = TestServer.builder().settings(DEFAULTS.withProxies(LOOPBACK_PROXY)).start()) {
            server.send("GET", "/api/v1/products/77", null, null, null,
                    Map.of("X-Request-Id", "proxied-77", "X-Forwarded-For", "2001:DB8::77"));
            // The access line is written once the answer has gone out, so it may trail the client a little.
            for (int i = 0; i < 500 && events.stream().noneMatch(e -> e.getFormattedMessage().contains("-> 404")); i++) {
                Thread.sleep(10);
                synchronized (captured) {
                    events = captured.list.stream().filter(e -> "proxied-77".equals(e.getMDCPropertyMap().get("requestId"))).toList();
                }
            }
        } finally {
            root.setLevel(rootLevel);
            access.setLevel(accessLevel);
            root.detachAppender(captured);
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry("client", "2001:db8:0:0:0:0:0:77"))
                .anySatisfy(event -> assertThat(event.getFormattedMessage())
                        .matches("GET /api/v1/products/77 -> 404 in [0-9.E]+ ms from 2001:db8:0:0:0:0:0:77"));
    }

    /** 429 in the problem format, with a Retry-After in whole seconds. */
    private static void assertRateLimited(Reply reply) {
        assertProblem(reply, 429, 42900);
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, 4 * 3_600L);
    }

    /** Shopper {@code i}'s own address, as the proxy reports it. */
    private static Map<String, String> forwardedFor(int i) {
        return Map.of("X-Forwarded-For", "198.51." + (100 + i / 250) + "." + (i % 250 + 1));
    }

    private interface Call {
        Reply send(int shopper);
    }

    private static List<Reply> atOnce(int count, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(count)) {
            for (int i = 0; i < count; i++) {
                int shopper = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.send(shopper);
                }));
            }
            start.countDown();
        }
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> future : futures) replies.add(future.get(60, TimeUnit.SECONDS));
        return replies;
    }
}
