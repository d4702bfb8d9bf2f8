package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractDelaySchedulerTest;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.DelayScheduler;
import dev.ordersystem.core.port.DelayScheduler.DueJob;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

import static org.assertj.core.api.Assertions.assertThat;

class RedisDelaySchedulerIT extends AbstractDelaySchedulerTest {
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();
    private RedisSettings settings;
    private RedisConnection first;

    @Override
    protected DelayScheduler newScheduler() {
        settings = TestRedis.freshSettings();
        return instance();
    }

    /** Another app instance on the same queue: its own connection pool, the same key prefix. */
    private RedisDelayScheduler instance() {
        return new RedisDelayScheduler(instanceConnection());
    }

    private RedisConnection instanceConnection() {
        RedisConnection connection = kit.connection(settings);
        if (first == null) first = connection;
        return connection;
    }

    @Test
    void tenThousandJobsDueAtOnceAreEachFiredExactlyOnceByThreeInstances() throws Exception {
        assertEachFiredExactlyOnce(scheduler, List.of(instance(), instance(), instance()), 10_000, 100);
    }

    @Test
    void aSweepsBatchOfDropsIsOneRedisCallNotOnePerOrder() throws Exception {
        List<OrderNo> orders = new ArrayList<>();
        for (int i = 0; i < 200; i++) orders.add(orderNo());
        Map<OrderNo, Instant> due = new HashMap<>();
        orders.forEach(order -> due.put(order, T0));
        scheduler.scheduleAll(due);
        String marker = settings.keyPrefix() + ":marker:" + System.nanoTime();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        // MONITOR on a connection of its own shows every command the server runs; the markers bound our window.
        // On a Redis Cluster, the server is the node that serves the queue's slot.
        HostAndPort queueServer = TestRedis.serverOf(settings, new RedisKeys(settings.keyPrefix()).delayDue());
        Jedis monitor = new Jedis(queueServer);
        Jedis markers = new Jedis(queueServer);
        Thread watching = Thread.ofPlatform().daemon().start(() -> {
            try {
                monitor.monitor(new JedisMonitor() {
                    @Override
                    public void onCommand(String command) {
                        if (command.contains(marker + ":start")) started.countDown();
                        else if (command.contains(marker + ":end")) ended.countDown();
                        // Commands a script runs show as "[0 lua]": the client's round trips are the others.
                        else if (started.getCount() == 0 && ended.getCount() == 1 && command.contains(settings.keyPrefix())
                                && !command.contains(" lua] ")) seen.add(command);
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the connection: monitoring ends
            }
        });
        try {
            for (int i = 0; i < 100 && !started.await(100, TimeUnit.MILLISECONDS); i++) markers.echo(marker + ":start");
            assertThat(started.getCount()).as("MONITOR is running").isZero();

            scheduler.cancelAll(orders);

            markers.echo(marker + ":end");
            assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            monitor.close();
            markers.close();
            watching.join(10_000);
        }
        assertThat(seen).as("the script (and its EVAL after a NOSCRIPT at most)").hasSizeBetween(1, 2);
        assertThat(scheduler.claimDue(T0.plusSeconds(1), 1_000, LEASE)).isEmpty();
    }

    @Test
    void theJobsOfAnInstanceKilledAfterClaimingFireAgainAfterTheLease() {
        List<OrderNo> orders = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            OrderNo order = orderNo();
            orders.add(order);
            scheduler.schedule(order, T0);
        }
        RedisConnection doomedConnection = instanceConnection();
        RedisDelayScheduler doomed = new RedisDelayScheduler(doomedConnection);
        Set<OrderNo> lost = new HashSet<>();
        doomed.claimDue(T0, 100, LEASE).forEach(job -> lost.add(job.orderNo()));
        doomedConnection.close(); // killed: its claims are never completed
        List<DelayScheduler> survivors = List.of(instance(), instance());

        Map<OrderNo, Integer> firedBySurvivors = new HashMap<>();
        drain(survivors, T0, firedBySurvivors);
        assertThat(firedBySurvivors.keySet()).as("before the lease ends, only the unclaimed jobs")
                .hasSize(200).doesNotContainAnyElementsOf(lost);

        drain(survivors, T0.plus(LEASE), firedBySurvivors);

        assertThat(firedBySurvivors.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(firedBySurvivors.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        assertThat(scheduler.claimDue(T0.plus(LEASE).plus(LEASE).plus(LEASE), 100, LEASE)).isEmpty();
    }

    @Test
    void aFailingHandlerIsRetriedWithBackoffAndThenSucceeds() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        Duration firstBackoff = Duration.ofSeconds(5);
        List<Integer> attemptsSeen = new ArrayList<>();
        Instant now = T0;
        Instant nextAttempt = T0;

        // The handler fails twice and then succeeds; the consumer backs off 5 s, then 10 s.
        for (int step = 0; step < 3; step++) {
            assertThat(scheduler.claimDue(nextAttempt.minusMillis(1), 10, LEASE)).as("not before its backoff").isEmpty();
            now = nextAttempt;
            DueJob job = scheduler.claimDue(now, 10, LEASE).getFirst();
            attemptsSeen.add(job.attempt());
            if (job.attempt() < 3) {
                nextAttempt = now.plus(firstBackoff.multipliedBy(1L << (job.attempt() - 1)));
                scheduler.retry(job, nextAttempt);
            } else {
                scheduler.complete(job);
            }
        }

        assertThat(attemptsSeen).containsExactly(1, 2, 3);
        assertThat(now).isEqualTo(T0.plusSeconds(15));
        assertThat(scheduler.claimDue(now.plus(LEASE).plus(LEASE), 10, LEASE)).isEmpty();
    }

    @Test
    void theQueueKeysShareOneHashTag() {
        scheduler.schedule(orderNo(), T0);
        RedisConnection redis = first;
        String tag = "{" + settings.keyPrefix() + ":delay}";

        assertThat(redis.<Boolean>call("exists", r -> r.exists(tag + ":due"))).isTrue();
        scheduler.claimDue(T0, 1, LEASE);
        assertThat(redis.<Boolean>call("exists", r -> r.exists(tag + ":leased"))).isTrue();
        assertThat(redis.<Boolean>call("exists", r -> r.exists(tag + ":attempts"))).isTrue();
    }

    /** Claims and completes everything due at {@code now}, counting runs per order. */
    private static void drain(List<DelayScheduler> consumers, Instant now, Map<OrderNo, Integer> fired) {
        boolean claimedAny = true;
        int rounds = 0;
        while (claimedAny && rounds++ < 100) { // bounded, so a queue that hands jobs out forever fails the test
            claimedAny = false;
            for (DelayScheduler consumer : consumers) {
                for (DueJob job : consumer.claimDue(now, 50, LEASE)) {
                    fired.merge(job.orderNo(), 1, Integer::sum);
                    consumer.complete(job);
                    claimedAny = true;
                }
            }
        }
    }
}
