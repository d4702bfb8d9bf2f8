package dev.ordersystem.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * Closed-loop load: {@code concurrency} virtual threads, each sending its next call as soon as the
 * previous one answered. Bounded twice: by time (warm-up + measured window) and, for fixed-size
 * runs, by a number of calls. Only calls that start inside the measured window are counted.
 */
final class LoadGenerator {
    /** One call; returns the HTTP status (or what stands for it), {@code seq} numbers the calls. */
    interface Call {
        int run(long seq) throws Exception;
    }

    private LoadGenerator() {
    }

    static LoadResult timed(String label, int concurrency, Duration warmup, Duration measure, Call call,
                            IntPredicate success) {
        return run(label, concurrency, warmup, measure, Long.MAX_VALUE, call, success);
    }

    /** Exactly {@code calls} calls (numbered 0..calls-1), all measured; gives up after {@code limit}. */
    static LoadResult counted(String label, int concurrency, long calls, Duration limit, Call call, IntPredicate success) {
        return run(label, concurrency, Duration.ZERO, limit, calls, call, success);
    }

    private static LoadResult run(String label, int concurrency, Duration warmup, Duration measure, long maxCalls,
                                  Call call, IntPredicate success) {
        AtomicLong seq = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong lastDone = new AtomicLong(measureFrom);
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = 0; t < concurrency; t++) {
            long[][] mine = {new long[1024]};
            int[] count = {0};
            Thread thread = Thread.ofVirtual().unstarted(() -> {
                while (true) {
                    long before = System.nanoTime();
                    if (before >= end) break;
                    long n = seq.getAndIncrement();
                    if (n >= maxCalls) break;
                    int status;
                    try {
                        status = call.run(n);
                    } catch (Exception e) {
                        status = -1;
                        firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    long after = System.nanoTime();
                    if (before < measureFrom) continue;
                    lastDone.accumulateAndGet(after, Math::max);
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    if (success.test(status)) ok.increment();
                    if (count[0] == mine[0].length) mine[0] = Arrays.copyOf(mine[0], count[0] * 2);
                    mine[0][count[0]++] = after - before;
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], count[0]));
                }
            });
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        CpuMeter cpu;
        try {
            Thread.sleep(Duration.ofNanos(Math.max(0, measureFrom - System.nanoTime())));
            cpu = new CpuMeter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String cpuUsed = cpu.stop();
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        // A fixed-size run ends when its last call answers, not at the time limit.
        double seconds = (Math.min(end, lastDone.get()) - measureFrom) / 1e9;
        Map<Integer, Long> counts = new HashMap<>();
        statuses.forEach((s, c) -> counts.put(s, c.sum()));
        return new LoadResult(label, concurrency, Math.max(seconds, 1e-3), all.length, ok.sum(), counts,
                percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, cpuUsed, firstFailure.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
