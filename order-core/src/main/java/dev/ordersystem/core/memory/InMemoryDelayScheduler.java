package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.port.DelayScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The {@link DelayScheduler} of one process, with the semantics of the Redis one: jobs wait in
 * due-time order; a claim moves a job to the leased set until {@code now + lease}; a lease that
 * runs out puts the job up for claiming again (at-least-once); a consumer whose lease ran out can
 * no longer complete or retry the job (its {@code attempt} no longer matches). Time is whatever
 * the caller passes as {@code now}. One lock guards everything: the embedded default has a
 * handful of jobs per second.
 */
public final class InMemoryDelayScheduler implements DelayScheduler {
    private static final Comparator<Slot> BY_TIME = Comparator.comparing(Slot::at).thenComparing(Slot::orderNo);

    private final Map<OrderNo, Job> jobs = new HashMap<>();
    private final TreeSet<Slot> waiting = new TreeSet<>(BY_TIME);
    private final TreeSet<Slot> leased = new TreeSet<>(BY_TIME);

    @Override
    public synchronized void schedule(OrderNo orderNo, Instant dueAt) {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(dueAt, "dueAt");
        cancel(orderNo);
        Job job = new Job(new Slot(dueAt, orderNo));
        jobs.put(orderNo, job);
        waiting.add(job.slot);
    }

    @Override
    public synchronized void cancel(OrderNo orderNo) {
        Job job = jobs.remove(orderNo);
        if (job == null) return;
        waiting.remove(job.slot);
        leased.remove(job.slot);
    }

    @Override
    public synchronized void cancelAll(Collection<OrderNo> orderNos) {
        orderNos.forEach(this::cancel);
    }

    @Override
    public synchronized List<DueJob> claimDue(Instant now, int max, Duration lease) {
        Objects.requireNonNull(now, "now");
        if (max < 1) throw new IllegalArgumentException("max must be positive: " + max);
        if (lease == null || lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("lease must be positive: " + lease);
        List<DueJob> claimed = new ArrayList<>();
        // Leases that ran out first: their consumers died, and that work is the oldest.
        claimFrom(leased, now, max, lease, claimed);
        claimFrom(waiting, now, max, lease, claimed);
        return claimed;
    }

    private void claimFrom(TreeSet<Slot> set, Instant now, int max, Duration lease, List<DueJob> claimed) {
        List<Job> taken = new ArrayList<>();
        while (claimed.size() + taken.size() < max && !set.isEmpty() && !set.first().at().isAfter(now)) {
            taken.add(jobs.get(set.pollFirst().orderNo()));
        }
        for (Job job : taken) {
            job.attempts++;
            job.slot = new Slot(now.plus(lease), job.slot.orderNo());
            leased.add(job.slot);
            claimed.add(new DueJob(job.slot.orderNo(), job.attempts));
        }
    }

    @Override
    public synchronized void complete(DueJob job) {
        if (heldBy(job) == null) return;
        cancel(job.orderNo());
    }

    @Override
    public synchronized void retry(DueJob job, Instant nextAttempt) {
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        Job current = heldBy(job);
        if (current == null) return;
        leased.remove(current.slot);
        current.slot = new Slot(nextAttempt, job.orderNo());
        waiting.add(current.slot);
    }

    /** The job as long as {@code claim} is its latest claim and still leased; else null. */
    private Job heldBy(DueJob claim) {
        Objects.requireNonNull(claim, "job");
        Job current = jobs.get(claim.orderNo());
        if (current == null || current.attempts != claim.attempt() || !leased.contains(current.slot)) return null;
        return current;
    }

    @Override
    public synchronized Optional<Instant> earliestWaiting() {
        return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.first().at());
    }

    private record Slot(Instant at, OrderNo orderNo) {
    }

    private static final class Job {
        Slot slot;
        int attempts;

        Job(Slot slot) {
            this.slot = slot;
        }
    }
}
