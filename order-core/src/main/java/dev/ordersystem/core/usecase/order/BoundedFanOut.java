package dev.ordersystem.core.usecase.order;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one piece of work per item on virtual threads, at most {@code width} at a time, and returns
 * when all have ended. Used where each item waits on the payment provider (DESIGN §13: expiry,
 * the sweep's orders with an open trade, the open-trade sync): a provider call takes milliseconds
 * to seconds of waiting, so one order at a time caps a large expiry at a few dozen orders a second.
 * The bound keeps the provider (and the database pool each item then takes a connection from) from
 * being flooded. The work handles its own failures; anything it lets escape is rethrown here after
 * every item has ended, as the first of them. Width 1 runs the items one by one on the caller's thread.
 */
public final class BoundedFanOut {
    private final String name;
    private final int width;

    /** @param name the threads' name prefix, as thread dumps show it */
    public BoundedFanOut(String name, int width) {
        if (width < 1) throw new IllegalArgumentException("width must be positive");
        this.name = name;
        this.width = width;
    }

    public int width() {
        return width;
    }

    /** Runs {@code work} for each item, at most {@link #width()} at once; returns when all have ended. */
    public <T> void forEach(List<T> items, Consumer<T> work) {
        if (width == 1 || items.size() < 2) {
            items.forEach(work);
            return;
        }
        Semaphore free = new Semaphore(width);
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        // close() waits for every started item; an interrupt (the worker being stopped) starts no more of them.
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory())) {
            for (T item : items) {
                free.acquire();
                threads.execute(() -> {
                    try {
                        work.accept(item);
                    } catch (RuntimeException | Error e) {
                        escaped.compareAndSet(null, e);
                    } finally {
                        free.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        switch (escaped.get()) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(escaped.get()); // work is a Consumer: nothing else can escape it
        }
    }
}
