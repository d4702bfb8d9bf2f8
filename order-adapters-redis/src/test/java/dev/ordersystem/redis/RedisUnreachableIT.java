package dev.ordersystem.redis;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;
import dev.ordersystem.core.port.DelayScheduler.DueJob;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import dev.ordersystem.core.port.StockGate.Recount;
import dev.ordersystem.core.port.TokenCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis unreachable, two ways: a closed port (refused at once) and a server that accepts
 * connections but never answers (a hung Redis, which only the read timeout ends). Each adapter
 * answers within its timeouts and takes its documented fallback.
 */
class RedisUnreachableIT {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /** Room for a loaded build machine on top of the configured timeouts. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private ServerSocket silentServer;
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void startSilentServer() throws IOException {
        silentServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket socket = silentServer.accept();
                    synchronized (accepted) {
                        accepted.add(socket); // held open, never answered
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @AfterEach
    void stopSilentServer() throws IOException {
        silentServer.close();
        synchronized (accepted) {
            for (Socket socket : accepted) socket.close();
        }
    }

    @Test
    void onAClosedPortEveryAdapterFallsBackWithinItsTimeout() {
        assertFallbacks(settings("redis://127.0.0.1:1"));
    }

    @Test
    void onAServerThatNeverAnswersEveryAdapterFallsBackWithinItsTimeout() {
        assertFallbacks(settings("redis://127.0.0.1:" + silentServer.getLocalPort()));
    }

    private static RedisSettings settings(String url) {
        return RedisSettings.fromUrl(url).withKeyPrefix("unreachable").withTimeouts(TIMEOUT, TIMEOUT);
    }

    private static void assertFallbacks(RedisSettings settings) {
        try (RedisFastPath redis = RedisFastPath.connect(settings)) {
            FastPath fastPath = redis.fastPath();
            Duration bound = TIMEOUT.plus(TIMEOUT).plus(SLACK);

            assertThat(within(bound, redis::status)).isEqualTo(RedisStatus.UNREACHABLE);

            // Twice each: the first call meets the timeout, the next ones the pause after a failure.
            for (int round = 0; round < 2; round++) {
                Optional<Lease> lease = within(bound, () -> fastPath.guard().tryAcquire("submit:1:cart", Duration.ofSeconds(5)));
                assertThat(lease).as("guard fails open").isPresent();
                within(bound, () -> {
                    fastPath.guard().release(lease.get());
                    return null;
                });

                ProductId id = new ProductId(7);
                ProductDetail detail = new ProductDetail(new Product(id, "Tea", "", Money.of(100, Currency.getInstance("CNY")), true), 5);
                AtomicInteger loads = new AtomicInteger();
                assertThat(within(bound, () -> fastPath.cache().get(id, pid -> {
                    loads.incrementAndGet();
                    return Optional.of(detail);
                }))).as("cache reads through").contains(detail);
                assertThat(loads.get()).isEqualTo(1);
                within(bound, () -> {
                    fastPath.cache().invalidate(id);
                    return null;
                });

                OrderNo order = new OrderNo("2031030100000001");
                Instant now = Instant.parse("2031-03-01T10:00:00Z");
                assertFailsFast(bound, () -> fastPath.scheduler().schedule(order, now));
                assertFailsFast(bound, () -> fastPath.scheduler().cancel(order));
                assertFailsFast(bound, () -> fastPath.scheduler().claimDue(now, 10, Duration.ofSeconds(30)));
                assertFailsFast(bound, () -> fastPath.scheduler().complete(new DueJob(order, 1)));
                assertFailsFast(bound, () -> fastPath.scheduler().retry(new DueJob(order, 1), now));

                StockGate gate = fastPath.gate();
                List<StockLine> lines = List.of(new StockLine(id, 1));
                assertThat(within(bound, () -> gate.admit(order, lines, Duration.ofSeconds(30))))
                        .as("the gate is bypassed").isEqualTo(new Admission.Bypassed());
                runs(bound, () -> gate.settle(order));
                runs(bound, () -> gate.giveBack(order));
                runs(bound, () -> gate.restock(lines));
                assertThat(within(bound, () -> gate.beginRecount(id, Duration.ofSeconds(5)))).isEmpty();
                assertThat(within(bound, () -> gate.holdsInFlight(id))).isZero();
                Recount recount = new Recount(id, "token");
                assertThat(within(bound, () -> gate.finishRecount(recount, 5))).isFalse();
                runs(bound, () -> gate.abandonRecount(recount));
                assertThat(within(bound, () -> gate.expiredHolds(10))).isEmpty();
                assertThat(within(bound, gate::countedProducts)).isEmpty();
                assertThat(within(bound, () -> gate.count(id))).isEmpty();

                TokenCache tokens = fastPath.tokens();
                runs(bound, () -> tokens.remember("digest", new UserId(3), Duration.ofMinutes(1)));
                assertThat(within(bound, () -> tokens.find("digest"))).as("tokens resolve in the database").isEmpty();
                runs(bound, () -> tokens.forget("digest"));

                // Counted on this instance instead: one budget per key still holds.
                AttemptLimit limit = new AttemptLimit("login-username", 1, Duration.ofHours(1));
                String name = "buyer-" + round;
                assertThat(within(bound, () -> fastPath.attempts().spend(limit, name))).isInstanceOf(AttemptVerdict.Granted.class);
                assertThat(within(bound, () -> fastPath.attempts().spend(limit, name))).isInstanceOf(AttemptVerdict.Refused.class);
            }
            // Per round: guard 2, cache 2, gate 11, tokens 3, attempts 2; the scheduler throws instead.
            assertThat(redis.failOpenCount()).as("fallbacks are counted").isEqualTo(2 * 20);
        }
    }

    private static void assertFailsFast(Duration bound, Runnable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call::run).isInstanceOf(RedisUnavailable.class).hasMessageContaining("Redis at 127.0.0.1:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
    }

    private static void runs(Duration bound, Runnable call) {
        within(bound, () -> {
            call.run();
            return null;
        });
    }

    private static <T> T within(Duration bound, Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
        return result;
    }
}
