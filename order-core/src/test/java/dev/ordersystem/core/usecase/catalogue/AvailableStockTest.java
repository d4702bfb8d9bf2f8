package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.memory.InMemoryStockGate;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Recount;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.order.StockRecount;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Where the available stock of a product read comes from: the gate's count, else a short copy of the database's figure. */
class AvailableStockTest {
    private static final Duration COPY_AGE = Duration.ofMillis(500);
    private static final Currency CNY = Currency.getInstance("CNY");

    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));
    private final Storage storage = InMemoryStorage.create(CNY, clock);
    private final InMemoryStockGate gate = new InMemoryStockGate(clock);
    private final AtomicBoolean gateDown = new AtomicBoolean();
    /** Background re-counts wait here until a test runs them. */
    private final List<Runnable> background = new ArrayList<>();
    private final AvailableStock stock = new AvailableStock(storage, failing(gate), new StockRecount(storage, gate), clock, COPY_AGE,
            background::add);

    private ProductId product(long initial) {
        return storage.transactions().inTransaction(() -> {
            ProductId id = storage.catalogue().add("Tea", "", Money.of(100, CNY), true).id();
            storage.stock().open(id, initial);
            return id;
        });
    }

    private void adjustInDatabase(ProductId product, long delta) {
        storage.transactions().inTransaction(() -> {
            storage.stock().adjust(product, delta, "test");
            return null;
        });
    }

    private void count(ProductId product, long available) {
        Recount recount = gate.beginRecount(product, Duration.ofMinutes(1)).orElseThrow();
        assertThat(gate.finishRecount(recount, available)).isTrue();
    }

    @Test
    void aCountedProductShowsTheGatesCountAtOnce() {
        ProductId tea = product(10);
        count(tea, 10);
        assertThat(stock.of(tea)).isEqualTo(10);

        gate.admit(new OrderNo("2031010100000001"), List.of(new StockLine(tea, 3)),
                Duration.ofMinutes(1));
        assertThat(stock.of(tea)).as("units held in flight are not for sale").isEqualTo(7);
        gate.restock(List.of(new StockLine(tea, 2)));
        assertThat(stock.of(tea)).isEqualTo(9);
    }

    @Test
    void anUncountedProductShowsTheDatabasesFigureCopiedForAtMostTheCopyAge() {
        ProductId tea = product(10);
        assertThat(stock.of(tea)).isEqualTo(10);

        adjustInDatabase(tea, 5);
        clock.advance(COPY_AGE.minusMillis(1));
        assertThat(stock.of(tea)).as("the copy: no database read per request").isEqualTo(10);
        clock.advance(Duration.ofMillis(1));
        assertThat(stock.of(tea)).as("read again at the copy's age").isEqualTo(15);
    }

    @Test
    void readingAnUncountedProductHasTheGateCountItInTheBackground() {
        ProductId tea = product(10);
        assertThat(stock.of(tea)).isEqualTo(10);
        assertThat(stock.of(tea)).isEqualTo(10);
        assertThat(background).as("one re-count, however many reads").hasSize(1);

        background.removeFirst().run();

        assertThat(gate.count(tea)).hasValue(10);
        gate.admit(new OrderNo("2031010100000002"), List.of(new StockLine(tea, 4)), Duration.ofMinutes(1));
        assertThat(stock.of(tea)).as("from the gate now, before the copy ages").isEqualTo(6);
    }

    @Test
    void onceCountedTheGateWinsOverTheCopy() {
        ProductId tea = product(10);
        assertThat(stock.of(tea)).isEqualTo(10);

        count(tea, 8);
        assertThat(stock.of(tea)).isEqualTo(8);
    }

    @Test
    void aPageMixesCountedAndUncountedProductsInOneCall() {
        ProductId tea = product(10);
        ProductId cup = product(4);
        ProductId tray = product(0);
        count(cup, 3);

        assertThat(stock.of(List.of(tea, cup, tray))).containsOnly(entry(tea, 10L), entry(cup, 3L), entry(tray, 0L));
        assertThat(stock.of(List.of())).isEmpty();
    }

    @Test
    void aGateThatFailsShowsTheDatabasesFigure() {
        ProductId tea = product(10);
        count(tea, 2);
        gateDown.set(true);

        assertThat(stock.of(tea)).isEqualTo(10);
    }

    /** {@code gate}, whose count reads throw while {@link #gateDown} is set. */
    private StockGate failing(StockGate gate) {
        return (StockGate) Proxy.newProxyInstance(StockGate.class.getClassLoader(), new Class<?>[]{StockGate.class},
                (proxy, method, args) -> {
                    if (gateDown.get() && (method.getName().equals("count") || method.getName().equals("counts"))) throw new IllegalStateException("gate down");
                    try {
                        return method.invoke(gate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
