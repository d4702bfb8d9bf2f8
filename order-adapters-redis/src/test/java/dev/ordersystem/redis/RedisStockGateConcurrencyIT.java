package dev.ordersystem.redis;

import dev.ordersystem.core.contract.Race;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import dev.ordersystem.core.port.StockGate.Recount;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three app instances on one gate, buyers placing orders of random lines on three products
 * against a simulated database, while re-counters keep re-counting the products from it. The
 * database simulation does what the use case does: the gate admits, the database takes the
 * units (refusing what it does not have) and the hold is settled after the commit, or given back
 * when nothing was written. Some buyers end a hold twice (a retried settle or give back).
 *
 * <p>At the end, with every buyer's last order left in flight: for every counted product,
 * the gate's count plus the units of the holds in flight equals the database's figure (the last
 * re-count's figure minus the units settled since). A non-atomic admission, a second give back
 * that returns units, or a re-count that applied while a hold was in flight each break it.
 */
class RedisStockGateConcurrencyIT {
    private static final Logger log = LoggerFactory.getLogger(RedisStockGateConcurrencyIT.class);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration FREEZE = Duration.ofMillis(800);
    private static final int BUYERS = 12;
    private static final int ORDERS_PER_BUYER = 250;
    /** The first product sells out half way through; the others last. */
    private static final List<Long> INITIAL_STOCK = List.of(1_500L, 100_000L, 100_000L);
    private static final AtomicLong ORDER_NUMBERS = new AtomicLong(20270101_000000L);

    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();
    private final RedisSettings settings = TestRedis.freshSettings();

    @Test
    void countPlusUnitsInFlightEqualsTheDatabaseWhileBuyersRaceReCounts() throws Exception {
        List<StockGate> instances = List.of(instance(), instance(), instance());
        long base = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        List<ProductId> products = List.of(new ProductId(base), new ProductId(base + 1), new ProductId(base + 2));
        Database database = new Database(products, INITIAL_STOCK);
        ConcurrentLinkedQueue<OpenHold> leftOpen = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> answers = new HashMap<>();
        for (String kind : List.of("held", "soldOut", "recounting", "refusedByDatabase", "recountsApplied", "recountsRefused")) {
            answers.put(kind, new AtomicLong());
        }
        // Every product counted before the sale, as the gate keeper's first re-count does at start: the
        // racing re-counts below pick products at random and may all miss one on a fast machine, yet the
        // final check needs a count of each.
        for (ProductId product : products) {
            Recount first = instances.getFirst().beginRecount(product, FREEZE).orElseThrow();
            assertThat(instances.getFirst().finishRecount(first, database.available(product))).as("first count of %s", product).isTrue();
        }
        CountDownLatch buyersDone = new CountDownLatch(BUYERS);

        List<Callable<Void>> tasks = new ArrayList<>();
        for (int b = 0; b < BUYERS; b++) {
            StockGate gate = instances.get(b % instances.size());
            tasks.add(() -> {
                try {
                    for (int i = 0; i < ORDERS_PER_BUYER; i++) buy(gate, products, database, answers, null);
                    // The last order stays in flight, so the final check covers holds as well as the count.
                    int tries = 0;
                    while (!buy(gate, products, database, answers, leftOpen)) {
                        if (++tries == 1_000) throw new AssertionError("no order held in 1,000 tries");
                        Sleep.of(Duration.ofMillis(5));
                    }
                } finally {
                    buyersDone.countDown();
                }
                return null;
            });
        }
        for (int r = 0; r < 2; r++) {
            StockGate gate = instances.get(r % instances.size());
            tasks.add(() -> {
                while (buyersDone.getCount() > 0) {
                    recount(gate, products.get(ThreadLocalRandom.current().nextInt(products.size())), database, answers);
                    Sleep.of(Duration.ofMillis(10));
                }
                return null;
            });
        }

        List<Race.Result<Void>> results = Race.run(tasks.size(), tasks, Duration.ofMinutes(3));

        log.info("answers: {}; left open: {} holds", answers, leftOpen.size());
        assertThat(results).allSatisfy(result -> assertThat(result.error()).isNull());
        assertThat(kit.failOpen.total()).as("no fallback while Redis is up").isZero();
        StockGate gate = instances.getFirst();
        for (ProductId product : products) {
            List<OpenHold> open = leftOpen.stream().filter(hold -> hold.lines.containsKey(product)).toList();
            assertThat(gate.holdsInFlight(product)).as("holds in flight of %s", product).isEqualTo(open.size());
            assertThat(gate.count(product)).as("counted: %s", product).isPresent();
            // A re-count cannot apply while a hold is in flight, so every open hold of a counted product is counted.
            assertThat(open).allSatisfy(hold -> assertThat(hold.uncounted).doesNotContain(product));
            long heldUnits = open.stream().mapToLong(hold -> hold.lines.get(product)).sum();
            long count = gate.count(product).orElseThrow();
            assertThat(count).as("count of %s", product).isNotNegative();
            assertThat(count + heldUnits).as("count + units in flight of %s", product).isEqualTo(database.available(product));
        }
        assertThat(answers.get("held").get()).isGreaterThan(BUYERS * ORDERS_PER_BUYER / 4);
        assertThat(answers.get("recountsApplied").get()).as("re-counts applied while buyers raced").isPositive();
        assertThat(answers.get("soldOut").get()).as("the gate ran out of the first product").isPositive();
    }

    /**
     * One order: admitted, then written to the database (most) or not (some), then settled or
     * given back, sometimes twice. With {@code leaveOpen}, a held order is not ended but recorded
     * there. Answers whether the order was held.
     */
    private static boolean buy(StockGate gate, List<ProductId> products, Database database, Map<String, AtomicLong> answers,
                               ConcurrentLinkedQueue<OpenHold> leaveOpen) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<ProductId, Integer> lines = new HashMap<>();
        for (ProductId product : products) {
            if (random.nextInt(3) > 0) lines.put(product, 1 + random.nextInt(5));
        }
        if (lines.isEmpty()) lines.put(products.get(random.nextInt(products.size())), 1 + random.nextInt(5));
        List<StockLine> stockLines = lines.entrySet().stream().map(line -> new StockLine(line.getKey(), line.getValue())).toList();
        OrderNo order = new OrderNo(Long.toString(ORDER_NUMBERS.incrementAndGet()));

        Admission admission = gate.admit(order, stockLines, LEASE);
        switch (admission) {
            case Admission.SoldOut soldOut -> {
                answers.get("soldOut").incrementAndGet();
                return false;
            }
            case Admission.Recounting recounting -> {
                answers.get("recounting").incrementAndGet();
                Sleep.of(Duration.ofMillis(1));
                return false;
            }
            case Admission.Bypassed bypassed -> throw new AssertionError("Redis is up, yet the gate was bypassed");
            case Admission.Held held -> {
                answers.get("held").incrementAndGet();
                if (leaveOpen != null) {
                    leaveOpen.add(new OpenHold(lines, Set.copyOf(held.uncounted())));
                    return true;
                }
                boolean writes = random.nextInt(10) < 7; // the rest fail for other reasons (funds, address, a crash)
                boolean written = writes && database.take(lines);
                if (writes && !written) answers.get("refusedByDatabase").incrementAndGet();
                if (written) gate.settle(order);
                else gate.giveBack(order);
                // A retried end (a lost answer, a sweep that got there first) must change nothing.
                if (random.nextInt(10) == 0) gate.giveBack(order);
                if (random.nextInt(10) == 0) gate.settle(order);
                return true;
            }
        }
    }

    /**
     * The re-count protocol: freeze, wait for the holds in flight to end, read the database,
     * finish. One in three re-counts is hasty and does not wait: the gate must refuse its figure
     * while a hold is in flight. The hasty one reads and finishes with the stock rows locked, as a
     * figure the gate can judge must be: the gate sees holds in flight, not when a figure was read,
     * so a hold that took its units after the read and ended before the finish would go unseen
     * (the real re-count, {@code StockRecount}, reads only after the holds drained, under the
     * freeze, so no hold can end between its read and its finish).
     */
    private static void recount(StockGate gate, ProductId product, Database database, Map<String, AtomicLong> answers) {
        Optional<Recount> begun = gate.beginRecount(product, FREEZE);
        if (begun.isEmpty()) return;
        if (ThreadLocalRandom.current().nextInt(3) == 0) {
            boolean applied;
            synchronized (database) {
                applied = gate.finishRecount(begun.get(), database.available(product));
            }
            answers.get(applied ? "recountsApplied" : "recountsRefused").incrementAndGet();
            return;
        }
        long deadline = System.nanoTime() + FREEZE.toNanos();
        while (gate.holdsInFlight(product) > 0 && System.nanoTime() - deadline < 0) Sleep.of(Duration.ofMillis(1));
        if (gate.holdsInFlight(product) > 0) {
            gate.abandonRecount(begun.get());
            return;
        }
        boolean applied = gate.finishRecount(begun.get(), database.available(product));
        answers.get(applied ? "recountsApplied" : "recountsRefused").incrementAndGet();
    }

    private RedisStockGate instance() {
        return new RedisStockGate(kit.connection(settings), kit.failOpen);
    }

    private record OpenHold(Map<ProductId, Integer> lines, Set<ProductId> uncounted) {
    }

    /** The stock rows: all lines of an order are taken in one step, or none when one is short. */
    private static final class Database {
        private final Map<ProductId, Long> available = new HashMap<>();

        Database(List<ProductId> products, List<Long> stock) {
            for (int i = 0; i < products.size(); i++) available.put(products.get(i), stock.get(i));
        }

        synchronized boolean take(Map<ProductId, Integer> lines) {
            for (var line : lines.entrySet()) {
                if (available.get(line.getKey()) < line.getValue()) return false;
            }
            lines.forEach((product, quantity) -> available.merge(product, (long) -quantity, Long::sum));
            return true;
        }

        synchronized long available(ProductId product) {
            return available.get(product);
        }
    }
}
