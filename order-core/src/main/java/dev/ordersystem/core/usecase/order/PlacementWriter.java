package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ordersystem.core.domain.PlacementUnanswered;

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
import java.util.function.Consumer;

/**
 * Writes placements in groups (group commit, DESIGN §11): placements queue up while the writers'
 * transactions run, and a writer takes up to {@code groupSize} of them into one transaction
 * instead of one each. A group that any placement spoils (short stock, a bad address, a taken
 * key, …) is rolled back and written one by one, so every buyer gets the answer a lone placement
 * would have had. Writers are virtual threads that end after a moment without work.
 */
final class PlacementWriter {
    private static final Logger log = LoggerFactory.getLogger(PlacementWriter.class);
    private static final long IDLE_MILLIS = 200;
    /**
     * How long a buyer waits for the writer: far beyond any normal placement (milliseconds) and
     * beyond the database's lock waits, yet an answer (50300, try again) rather than a request
     * that hangs if a writer is lost.
     */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private final Transactions transactions;
    private final PlacementTransaction work;
    private final int groupSize;
    private final int maxWriters;
    private final Duration answerWait;
    private final Consumer<List<Order>> afterCommit;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger writers = new AtomicInteger();
    private final LongAdder committedTransactions = new LongAdder();
    private final LongAdder written = new LongAdder();

    /** {@code afterCommit} gets each committed group (or lone order) before its buyers get their answers. */
    PlacementWriter(Transactions transactions, PlacementTransaction work, int groupSize, int maxWriters,
                    Consumer<List<Order>> afterCommit) {
        this(transactions, work, groupSize, maxWriters, afterCommit, ANSWER_WAIT);
    }

    PlacementWriter(Transactions transactions, PlacementTransaction work, int groupSize, int maxWriters,
                    Consumer<List<Order>> afterCommit, Duration answerWait) {
        this.answerWait = answerWait;
        this.transactions = transactions;
        this.work = work;
        this.groupSize = groupSize;
        this.maxWriters = maxWriters;
        this.afterCommit = afterCommit;
    }

    /** Writes {@code placement} (alone or in a group) and answers its order, or throws its refusal. */
    Order write(Placement placement) {
        if (groupSize <= 1) {
            Order order = transactions.inTransaction(() -> work.one(placement));
            committed(1);
            afterCommit.accept(List.of(order));
            return order;
        }
        Pending pending = new Pending(placement, new CompletableFuture<>());
        queue.add(pending);
        startWriterIfRoom();
        try {
            return pending.result().get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refusal) throw refusal;
            throw new IllegalStateException("placement of order " + placement.orderNo() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new PlacementUnanswered("placement of order " + placement.orderNo() + " not answered within "
                    + answerWait.toSeconds() + " s; try again (with the same Idempotency-Key)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlacementUnanswered("interrupted while waiting for placement of order " + placement.orderNo());
        }
    }

    private void startWriterIfRoom() {
        for (int running = writers.get(); running < maxWriters; running = writers.get()) {
            if (writers.compareAndSet(running, running + 1)) {
                try {
                    Thread.ofVirtual().name("order-placement-writer").start(this::run);
                } catch (Throwable noThread) {
                    writers.decrementAndGet();
                    throw noThread;
                }
                return;
            }
        }
    }

    private void run() {
        try {
            writeUntilIdle();
        } catch (Throwable lost) { // past the group's own guard (see writeUntilIdle): free the slot for a new writer
            writers.decrementAndGet();
            log.error("placement writer stopped unexpectedly; another takes over", lost);
            if (!queue.isEmpty()) startWriterIfRoom();
        }
    }

    /** Takes groups until the queue stays empty for {@link #IDLE_MILLIS}, then gives up its slot. */
    private void writeUntilIdle() {
        while (true) {
            Pending first;
            try {
                first = queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                writers.decrementAndGet();
                // A placement queued after the poll timed out may have counted this writer as running.
                if (queue.isEmpty() || !rejoin()) return;
                continue;
            }
            List<Pending> group = new ArrayList<>(groupSize);
            group.add(first);
            queue.drainTo(group, groupSize - 1);
            try {
                writeGroup(group);
            } catch (Throwable failure) {
                // An Error (or anything else) that escaped the group: its buyers hear of it, and this writer
                // keeps its slot and goes on, so grouped placement never stops for the buyers after them.
                log.error("group of {} placements failed unexpectedly; their buyers are answered with the failure", group.size(), failure);
                group.forEach(p -> p.result().completeExceptionally(failure));
            }
        }
    }

    private boolean rejoin() {
        for (int running = writers.get(); running < maxWriters; running = writers.get()) {
            if (writers.compareAndSet(running, running + 1)) return true;
        }
        return false;
    }

    private void writeGroup(List<Pending> group) {
        if (group.size() == 1) {
            writeAlone(group.getFirst());
            return;
        }
        List<Order> orders;
        try {
            orders = transactions.inTransaction(() -> work.group(group.stream().map(Pending::placement).toList()));
        } catch (RuntimeException spoiled) { // an Error is no refusal: it goes to the buyers (see run)
            log.debug("group of {} placements rolled back, writing them one by one: {}", group.size(), spoiled.toString());
            group.forEach(this::writeAlone);
            return;
        }
        committed(orders.size());
        answer(group, orders);
    }

    private void writeAlone(Pending pending) {
        Order order;
        try {
            order = transactions.inTransaction(() -> work.one(pending.placement()));
        } catch (RuntimeException | Error refusal) {
            pending.result().completeExceptionally(refusal);
            return;
        }
        committed(1);
        answer(List.of(pending), List.of(order));
    }

    private void committed(int orders) {
        committedTransactions.increment();
        written.add(orders);
    }

    /** Placement transactions committed since start (a group or a lone placement each): with {@link #ordersWritten}, the average group size. */
    long transactionsCommitted() {
        return committedTransactions.sum();
    }

    /** Orders written by those transactions since start. */
    long ordersWritten() {
        return written.sum();
    }

    /**
     * The after-commit calls (Redis round trips) and the answers follow on a thread of their own,
     * so the writer takes the next group at once; each buyer still hears only after them.
     */
    private void answer(List<Pending> group, List<Order> orders) {
        Runnable answering = () -> {
            try {
                afterCommit.accept(orders);
            } finally {
                for (int i = 0; i < group.size(); i++) group.get(i).result().complete(orders.get(i));
            }
        };
        try {
            Thread.ofVirtual().name("order-placement-answer").start(answering);
        } catch (Throwable noThread) { // committed: the buyers get their orders, on this thread if need be
            answering.run();
        }
    }

    private record Pending(Placement placement, CompletableFuture<Order> result) {
    }
}
