package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.DelayScheduler;
import dev.ordersystem.core.port.DelayScheduler.DueJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DelayScheduler} must do. Time is the {@code now} each call passes, so the
 * tests move it freely; subclasses give a scheduler with an empty queue for each test.
 */
public abstract class AbstractDelaySchedulerTest {
    protected static final Instant T0 = Instant.parse("2031-03-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(30);

    /** A scheduler whose queue is empty (a fresh store, or a fresh key prefix). */
    protected abstract DelayScheduler newScheduler();

    protected DelayScheduler scheduler;

    @BeforeEach
    void setUp() {
        scheduler = newScheduler();
    }

    /** A fresh order number, so runs against a shared store never meet old jobs. */
    protected static OrderNo orderNo() {
        return new OrderNo(Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, Long.MAX_VALUE)));
    }

    @Test
    void reportsTheEarliestWaitingJobForTheLagMetric() {
        OrderNo late = orderNo();
        OrderNo early = orderNo();
        assertThat(scheduler.earliestWaiting()).isEmpty();
        scheduler.schedule(late, T0.plusSeconds(60));
        scheduler.schedule(early, T0.plusSeconds(10));

        assertThat(scheduler.earliestWaiting()).contains(T0.plusSeconds(10));
        scheduler.claimDue(T0.plusSeconds(10), 10, LEASE);
        assertThat(scheduler.earliestWaiting()).as("a claimed job no longer waits").contains(T0.plusSeconds(60));
    }

    @Test
    void aGroupOfJobsIsScheduledInOneCall() {
        OrderNo early = orderNo();
        OrderNo late = orderNo();
        Map<OrderNo, Instant> due = new LinkedHashMap<>();
        due.put(late, T0.plusSeconds(2));
        due.put(early, T0.plusSeconds(1));

        scheduler.scheduleAll(due);
        scheduler.scheduleAll(Map.of());

        assertThat(scheduler.claimDue(T0, 10, LEASE)).isEmpty();
        assertThat(scheduler.claimDue(T0.plusSeconds(5), 10, LEASE)).containsExactly(new DueJob(early, 1), new DueJob(late, 1));
    }

    @Test
    void manyJobsAreDroppedInOneCallWaitingOrLeased() {
        List<OrderNo> dropped = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            OrderNo order = orderNo();
            dropped.add(order);
            scheduler.schedule(order, T0);
        }
        OrderNo kept = orderNo();
        scheduler.schedule(kept, T0);
        List<DueJob> leased = scheduler.claimDue(T0, 10, LEASE); // some of them claimed, the rest waiting

        List<OrderNo> toDrop = new ArrayList<>(dropped);
        leased.stream().map(DueJob::orderNo).filter(kept::equals).findAny().ifPresent(k -> toDrop.add(orderNo()));
        scheduler.cancelAll(toDrop);
        scheduler.cancelAll(List.of());

        List<DueJob> left = scheduler.claimDue(T0.plus(LEASE).plusSeconds(1), 100, LEASE);
        assertThat(left).extracting(DueJob::orderNo).containsExactly(kept);
    }

    @Test
    void aJobIsClaimedOnlyOnceDue() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);

        assertThat(scheduler.claimDue(T0.minusMillis(1), 10, LEASE)).isEmpty();
        assertThat(scheduler.claimDue(T0, 10, LEASE)).containsExactly(new DueJob(order, 1));
    }

    @Test
    void dueJobsComeInDueTimeOrderUpToMax() {
        List<OrderNo> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) orders.add(orderNo());
        // Scheduled in reverse so that insertion order cannot pass for due-time order.
        for (int i = 4; i >= 0; i--) scheduler.schedule(orders.get(i), T0.plusSeconds(i));

        List<DueJob> first = scheduler.claimDue(T0.plusSeconds(10), 3, LEASE);
        List<DueJob> rest = scheduler.claimDue(T0.plusSeconds(10), 3, LEASE);

        assertThat(first).extracting(DueJob::orderNo).containsExactly(orders.get(0), orders.get(1), orders.get(2));
        assertThat(rest).extracting(DueJob::orderNo).containsExactly(orders.get(3), orders.get(4));
    }

    @Test
    void aClaimedJobIsNotHandedOutAgainWhileLeased() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        assertThat(scheduler.claimDue(T0, 10, LEASE)).hasSize(1);

        assertThat(scheduler.claimDue(T0.plus(LEASE).minusMillis(1), 10, LEASE)).isEmpty();
    }

    @Test
    void aClaimedButNeverCompletedJobFiresAgainAfterTheLease() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        assertThat(scheduler.claimDue(T0, 10, LEASE)).containsExactly(new DueJob(order, 1));
        // The consumer died: no complete, no retry.

        Instant afterLease = T0.plus(LEASE);
        assertThat(scheduler.claimDue(afterLease, 10, LEASE)).containsExactly(new DueJob(order, 2));
        assertThat(scheduler.claimDue(afterLease.plus(LEASE), 10, LEASE)).containsExactly(new DueJob(order, 3));
    }

    @Test
    void aCompletedJobIsGone() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        DueJob job = scheduler.claimDue(T0, 10, LEASE).getFirst();

        scheduler.complete(job);

        assertThat(scheduler.claimDue(T0.plus(LEASE).plus(LEASE), 10, LEASE)).isEmpty();
    }

    @Test
    void aRetriedJobComesBackAtTheGivenTimeWithTheNextAttempt() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        DueJob first = scheduler.claimDue(T0, 10, LEASE).getFirst();

        Instant retryAt = T0.plusSeconds(300);
        scheduler.retry(first, retryAt);

        assertThat(scheduler.claimDue(retryAt.minusMillis(1), 10, LEASE)).isEmpty();
        DueJob second = scheduler.claimDue(retryAt, 10, LEASE).getFirst();
        assertThat(second).isEqualTo(new DueJob(order, 2));
        scheduler.complete(second);
        assertThat(scheduler.claimDue(retryAt.plus(LEASE).plus(LEASE), 10, LEASE)).isEmpty();
    }

    @Test
    void aRetryMayComeEarlierThanTheLeaseEnd() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        DueJob first = scheduler.claimDue(T0, 10, LEASE).getFirst();

        scheduler.retry(first, T0.plusSeconds(1));

        assertThat(scheduler.claimDue(T0.plusSeconds(1), 10, LEASE)).containsExactly(new DueJob(order, 2));
    }

    @Test
    void cancelDropsAWaitingJob() {
        OrderNo kept = orderNo();
        OrderNo dropped = orderNo();
        scheduler.schedule(kept, T0);
        scheduler.schedule(dropped, T0);

        scheduler.cancel(dropped);
        scheduler.cancel(orderNo()); // never scheduled: nothing happens

        assertThat(scheduler.claimDue(T0, 10, LEASE)).containsExactly(new DueJob(kept, 1));
    }

    @Test
    void cancelDropsAClaimedJobSoItNeverComesBack() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        DueJob job = scheduler.claimDue(T0, 10, LEASE).getFirst();

        scheduler.cancel(order);
        scheduler.retry(job, T0.plusSeconds(1)); // the order was paid meanwhile: the retry finds nothing

        assertThat(scheduler.claimDue(T0.plus(LEASE).plus(LEASE), 10, LEASE)).isEmpty();
    }

    @Test
    void schedulingAgainMovesTheDueTimeAndStartsCountingAfresh() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        scheduler.claimDue(T0, 10, LEASE);

        scheduler.schedule(order, T0.plusSeconds(600));

        assertThat(scheduler.claimDue(T0.plus(LEASE), 10, LEASE)).isEmpty();
        assertThat(scheduler.claimDue(T0.plusSeconds(600), 10, LEASE)).containsExactly(new DueJob(order, 1));
    }

    @Test
    void aConsumerWhoseLeaseRanOutCannotCompleteOrRetryTheNewerClaim() {
        OrderNo order = orderNo();
        scheduler.schedule(order, T0);
        DueJob stale = scheduler.claimDue(T0, 10, LEASE).getFirst();
        Instant reclaimedAt = T0.plus(LEASE);
        DueJob current = scheduler.claimDue(reclaimedAt, 10, LEASE).getFirst();

        scheduler.complete(stale);
        scheduler.retry(stale, reclaimedAt.plusSeconds(1));

        assertThat(scheduler.claimDue(reclaimedAt.plusSeconds(1), 10, LEASE)).as("still leased to the newer claim").isEmpty();
        scheduler.complete(current);
        assertThat(scheduler.claimDue(reclaimedAt.plus(LEASE).plus(LEASE), 10, LEASE)).isEmpty();
    }

    @Test
    void manyJobsDueAtOnceAreEachFiredExactlyOnceByThreeConsumers() throws Exception {
        assertEachFiredExactlyOnce(scheduler, List.of(scheduler, scheduler, scheduler), 600, 25);
    }

    /**
     * Schedules {@code jobs} jobs due at {@link #T0} through {@code producer}, lets one thread per
     * consumer claim them in batches of {@code batch} and complete them, and checks that each ran
     * exactly once. Consumers may be one scheduler shared, or one per app instance.
     */
    protected static void assertEachFiredExactlyOnce(DelayScheduler producer, List<DelayScheduler> consumers, int jobs, int batch)
            throws Exception {
        List<OrderNo> orders = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            OrderNo order = orderNo();
            orders.add(order);
            producer.schedule(order, T0.minusMillis(i % 1000));
        }
        Map<OrderNo, AtomicInteger> fired = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(consumers.size())) {
            for (DelayScheduler consumer : consumers) {
                results.add(pool.submit(() -> {
                    start.await();
                    int handled = 0;
                    // Every claim happens at T0, well inside the lease: nothing may come twice.
                    // A consumer handling more than all jobs stops, so a broken queue fails instead of looping.
                    for (List<DueJob> due = consumer.claimDue(T0, batch, LEASE); !due.isEmpty() && handled <= jobs;
                         due = consumer.claimDue(T0, batch, LEASE)) {
                        for (DueJob job : due) {
                            fired.computeIfAbsent(job.orderNo(), k -> new AtomicInteger()).incrementAndGet();
                            consumer.complete(job);
                            handled++;
                        }
                    }
                    return handled;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) total += result.get();
            assertThat(total).isEqualTo(jobs);
        }
        assertThat(fired.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(fired.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(producer.claimDue(T0.plus(LEASE).plus(LEASE), batch, LEASE)).as("all completed").isEmpty();
    }
}
