package dev.ordersystem.faults;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real late payments (DESIGN §13, §14): money the provider took for an order the shop had already
 * cancelled. {@link #BUYERS} buyers, each on an order of its own, open a trade they can pay at once;
 * then the sandbox's API is out for {@link #OUTAGE} (every call answered 500) while its cashier still
 * works: each buyer cancels (the shop cannot close the trade, so the cancel goes ahead with the trade
 * left open) and pays at the cashier within the trade's deadline. The provider notifies the shop,
 * which records a late payment; its refund fails while the API is out and is retried after.
 * {@link RefundChecks} holds each to ending refunded at the provider, and fails the run when there was none.
 * The trades are opened before the outage (opening one is an API call) and all at once, and the outage
 * begins as soon as they are: the order's 6 s deadline (the trade's too) leaves little time on a slow
 * machine; a round that brought no payment is tried again, {@link #ROUNDS} at most.
 */
final class LatePaymentPhase {
    static final int BUYERS = 8;
    static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Rounds at most, until one brought a late payment: a round's trades may all pass their deadline on a loaded machine. */
    static final int ROUNDS = 4;
    /** How long the API stays up for the other buyers once the first opened its trade. */
    private static final Duration GATHER = Duration.ofMillis(1500);

    private final FaultShop shop;
    private final SandboxProcess sandbox;

    LatePaymentPhase(FaultShop shop, SandboxProcess sandbox) {
        this.shop = shop;
        this.sandbox = sandbox;
    }

    /** What one round came to. */
    private record Round(int opened, int paid, Duration apiOut) {
        @Override
        public String toString() {
            return String.format("%d of %d trades opened, %d paid after the cancel (API out %.1f s)", opened, BUYERS, paid, apiOut.toMillis() / 1e3);
        }
    }

    /** Runs it; what it came to, for the fault's line. */
    String run() throws IOException, InterruptedException {
        List<PaymentLoop> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) buyers.add(new PaymentLoop(shop, shop.buyers.get(i % shop.buyers.size()), sandbox));
        List<Round> rounds = new ArrayList<>();
        while (rounds.size() < ROUNDS && rounds.stream().allMatch(r -> r.paid() == 0)) rounds.add(round(buyers));
        return "late payments: sandbox API out (500), its cashier up; buyers cancel, then pay: " + rounds;
    }

    /**
     * Every buyer opens a trade at once (an API call); once all did, or {@link #GATHER} after the first,
     * the API goes out and each buyer with a trade cancels and pays at the cashier. The outage lasts
     * {@link #OUTAGE} when a payment came of it (the refund job's first calls fail meanwhile), else it
     * ends with the round.
     */
    private Round round(List<PaymentLoop> buyers) throws IOException, InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(BUYERS);
        CountDownLatch out = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger paid = new AtomicInteger();
        Instant from = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (PaymentLoop buyer : buyers) {
                running.add(pool.submit(() -> {
                    Optional<PaymentLoop.Paying> trade;
                    try {
                        trade = buyer.openPayableTrade(ThreadLocalRandom.current());
                    } finally {
                        first.countDown();
                        all.countDown();
                    }
                    if (trade.isEmpty() || !out.await(30, TimeUnit.SECONDS)) return null;
                    opened.incrementAndGet();
                    if (buyer.cancelThenPay(trade.get()) == PaymentLoop.Cashier.PAID) paid.incrementAndGet();
                    return null;
                }));
            }
            try {
                first.await(30, TimeUnit.SECONDS);
                all.await(GATHER.toMillis(), TimeUnit.MILLISECONDS);
                from = sandbox.apiOut();
                out.countDown();
                for (Future<?> buyer : running) buyer.get();
                if (paid.get() > 0) Servers.sleep(Math.max(0, Duration.between(Instant.now(), from.plus(OUTAGE)).toMillis()));
            } catch (ExecutionException e) {
                throw new IllegalStateException("a buyer of the late-payment phase failed: " + e.getCause(), e.getCause());
            } finally {
                if (from != null) sandbox.apiBack(from);
            }
        }
        return new Round(opened.get(), paid.get(), Duration.between(from, Instant.now()));
    }
}
