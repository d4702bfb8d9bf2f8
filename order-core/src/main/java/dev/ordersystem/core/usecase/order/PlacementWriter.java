package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.PlacementUnanswered;
import dev.ordersystem.core.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes admitted placements, alone or in groups (group commit, DESIGN §11), and does what
 * follows each transaction before its buyers hear: the gate settles the committed holds while
 * the delay queue takes their expiry jobs, and gives back the holds of refused placements.
 *
 * <p>At most {@code writers} placement transactions run at once. A placement that finds one of
 * them free and nobody queued is written at once on the buyer's own thread, with no hand-off.
 * Otherwise it queues, and the next free writer takes up to {@code groupSize} queued placements
 * into one transaction. A group that any placement spoils (short stock, a bad address, a taken
 * key, …) is rolled back and written one by one, so every buyer gets the answer a lone placement
 * would have had. A writer gives its place up at its commit, before the after-commit calls:
 * placements queued meanwhile get a writer of their own (a virtual thread) at once.
 */
public final class PlacementWriter {
    private static final Logger log = LoggerFactory.getLogger(PlacementWriter.class);
    /**
     * How long a queued buyer waits for its answer: far beyond any normal placement (milliseconds)
     * and beyond the database's lock waits, yet an answer (50300, try again) rather than a request
     * that hangs if a writer is lost.
     */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private final Transactions transactions;
    private final PlacementTransaction work;
    private final GateAdmission gate;
    private final ExpiryJobs expiryJobs;
    private final int groupSize;
    private final int writers;
    private final Duration answerWait;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    /** Writers holding a place: each drains the queue (or writes its buyer's placement) and runs one transaction. */
    private final AtomicInteger writing = new AtomicInteger();
    private final LongAdder committedTransactions = new LongAdder();
    /** When a placement last had to queue (System.nanoTime): the load other work yields to. */
    private volatile long lastQueuedNanos = System.nanoTime() - Duration.ofDays(1).toNanos();
    private final LongAdder written = new LongAdder();

    public PlacementWriter(Transactions transactions, PlacementTransaction work, GateAdmission gate, ExpiryJobs expiryJobs,
                           int groupSize, int writers) {
        this(transactions, work, gate, expiryJobs, groupSize, writers, ANSWER_WAIT);
    }

    PlacementWriter(Transactions transactions, PlacementTransaction work, GateAdmission gate, ExpiryJobs expiryJobs,
                    int groupSize, int writers, Duration answerWait) {
        this.transactions = transactions;
        this.work = work;
        this.gate = gate;
        this.expiryJobs = expiryJobs;
        this.groupSize = groupSize;
        this.writers = writers;
        this.answerWait = answerWait;
    }

    /** Writes {@code placement} (alone or in a group) and answers its order, or throws its refusal. */
    Order write(Placement placement) {
        if (groupSize == 1) return answer(finished(List.of(placement), outcomes(List.of(placement))).getFirst());
        if (queue.isEmpty() && takePlace()) return writeHere(placement);
        return writeQueued(placement);
    }

    /** Nothing waits and a writer is free: the buyer's thread writes its placement, no hand-off. */
    private Order writeHere(Placement placement) {
        List<Outcome> outcomes;
        try {
            outcomes = outcomes(List.of(placement));
        } finally {
            givePlaceUp();
        }
        return answer(finished(List.of(placement), outcomes).getFirst());
    }

    private Order writeQueued(Placement placement) {
        Queued queued = new Queued(placement, new CompletableFuture<>());
        lastQueuedNanos = System.nanoTime();
        queue.add(queued);
        startWriterIfFree();
        try {
            return answer(queued.outcome().get(answerWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) { // never completed exceptionally: an outcome carries the failure
            throw new IllegalStateException("placement of order " + placement.orderNo() + " failed", e.getCause());
        } catch (TimeoutException e) {
            return unanswered(queued, new PlacementUnanswered("placement of order " + placement.orderNo()
                    + " not answered within " + answerWait.toSeconds() + " s; try again (with the same Idempotency-Key)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered(queued, new PlacementUnanswered("interrupted while waiting for placement of order " + placement.orderNo()));
        }
    }

    /**
     * A placement still queued is taken out, so it is never written, and its units and guard go
     * back now; one a writer has taken is that writer's to settle or give back when it ends.
     */
    private Order unanswered(Queued queued, PlacementUnanswered unanswered) {
        if (queue.remove(queued)) gate.giveBack(queued.placement(), unanswered);
        throw unanswered;
    }

    /** Whether a placement had to queue for a writer within {@code window}: placements are under load. */
    public boolean queuedWithin(Duration window) {
        return System.nanoTime() - lastQueuedNanos < window.toNanos();
    }

    private boolean takePlace() {
        for (int running = writing.get(); running < writers; running = writing.get()) {
            if (writing.compareAndSet(running, running + 1)) return true;
        }
        return false;
    }

    /**
     * A placement queued while every writer was busy found no place: the writer leaving hands the
     * queue on (the queue is looked at after the place is freed, the place after the placement is queued).
     */
    private void givePlaceUp() {
        writing.decrementAndGet();
        if (!queue.isEmpty()) startWriterIfFree();
    }

    private void startWriterIfFree() {
        if (!takePlace()) return;
        try {
            Thread.ofVirtual().name("order-placement-writer").start(this::writeGroup);
        } catch (Throwable noThread) {
            writing.decrementAndGet();
            throw noThread;
        }
    }

    /** A writer thread: one group from the queue, its transaction, then (its place given up) its after-commit and answers. */
    private void writeGroup() {
        List<Queued> group = new ArrayList<>(groupSize);
        List<Outcome> outcomes;
        try {
            queue.drainTo(group, groupSize);
            outcomes = group.isEmpty() ? List.of() : outcomes(group.stream().map(Queued::placement).toList());
        } finally {
            givePlaceUp();
        }
        try {
            outcomes = finished(group.stream().map(Queued::placement).toList(), outcomes);
        } catch (Throwable failure) { // past the outcomes' own guard: the buyers hear of it rather than wait
            log.error("after-commit work of {} placements failed unexpectedly", group.size(), failure);
        } finally {
            for (int i = 0; i < group.size(); i++) group.get(i).outcome().complete(outcomes.get(i));
        }
    }

    /**
     * The transaction of {@code placements}, or, when one of them spoils the group, one transaction
     * each. Never throws: an {@link Error} (or anything else) that escapes is every buyer's answer.
     */
    private List<Outcome> outcomes(List<Placement> placements) {
        try {
            List<Order> orders = transactions.inTransaction(() -> work.write(placements));
            committedTransactions.increment();
            written.add(orders.size());
            return orders.stream().<Outcome>map(Outcome.Written::new).toList();
        } catch (RuntimeException refused) {
            if (placements.size() == 1) return List.of(new Outcome.Refused(refused));
            log.debug("group of {} placements rolled back, writing them one by one: {}", placements.size(), refused.toString());
            return placements.stream().map(p -> outcomes(List.of(p)).getFirst()).toList();
        } catch (Throwable failure) {
            log.error("placement of {} orders failed unexpectedly; their buyers are answered with the failure", placements.size(), failure);
            return placements.stream().<Outcome>map(p -> new Outcome.Refused(failure)).toList();
        }
    }

    /**
     * After the transaction: the committed holds settled (one gate call) side by side with their
     * expiry jobs (one queue call), the refused holds given back. Returns {@code outcomes}.
     */
    private List<Outcome> finished(List<Placement> placements, List<Outcome> outcomes) {
        List<Placement> committed = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            switch (outcomes.get(i)) {
                case Outcome.Written w -> {
                    committed.add(placements.get(i));
                    orders.add(w.order());
                }
                case Outcome.Refused r -> gate.giveBack(placements.get(i), r.cause());
            }
        }
        if (!committed.isEmpty()) afterCommit(committed, orders);
        return outcomes;
    }

    /** Two independent round trips (gate, delay queue) made side by side: the buyers wait for the longer one only. */
    private void afterCommit(List<Placement> committed, List<Order> orders) {
        Thread queueing = Thread.ofVirtual().name("order-expiry-jobs").start(() -> expiryJobs.scheduleAll(orders));
        gate.settle(committed);
        try {
            queueing.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Order answer(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Written w -> w.order();
            case Outcome.Refused(RuntimeException refusal) -> throw refusal;
            case Outcome.Refused r -> throw new IllegalStateException("placement failed", r.cause());
        };
    }

    /** Placement transactions committed since start (a group or a lone placement each): with {@link #ordersWritten}, the average group size. */
    long transactionsCommitted() {
        return committedTransactions.sum();
    }

    /** Orders written by those transactions since start. */
    long ordersWritten() {
        return written.sum();
    }

    /** Placements waiting for a writer now. */
    int queued() {
        return queue.size();
    }

    /** What a transaction did for one placement. */
    private sealed interface Outcome {
        record Written(Order order) implements Outcome {
        }

        record Refused(Throwable cause) implements Outcome {
        }
    }

    private record Queued(Placement placement, CompletableFuture<Outcome> outcome) {
    }
}
