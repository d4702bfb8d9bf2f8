package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.memory.ForwardingStockGate;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The re-count a placement asks for runs off the buyer's request: the buyer's answer never waits for it. */
class PlaceOrderRecountTest {
    private static final long WAIT_SECONDS = 30;

    private final Clock clock = Clock.systemUTC();
    private final Storage storage = InMemoryStorage.create(java.util.Currency.getInstance("CNY"));
    private final FastPath memory = InMemoryFastPath.create(clock);
    private final HeldRecounts gate = new HeldRecounts(memory.gate());
    private final OrderSystem system = new OrderSystem(storage,
            new FastPath(memory.guard(), memory.scheduler(), memory.cache(), gate, memory.tokens(), memory.attempts()),
            OrderSettings.defaults().withPasswordIterations(1_000), clock);

    @Test
    void theBuyerIsAnsweredWhileTheRecountTheRefusalAskedForIsStillWaiting() throws Exception {
        ProductId tea = system.manageCatalogue().create(new NewProduct("Tea", "green", 100, 3, true)).id();
        User user = system.registerUser().register("buyer_" + System.nanoTime(), "correct horse battery");
        Address address = system.manageAddresses().add(user.id(), new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue"));
        memory.gate().restock(List.of(new StockLine(tea, 5))); // the gate counts 8, the database has 3
        CountDownLatch release = gate.holdRecounts();
        try {
            CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> system.placeOrder().placeOrder(
                    new PlaceOrderCommand(user.id(), List.of(new OrderLine(tea.value(), 6)), address.id().value(),
                            PaymentMethod.WECHAT, Optional.empty())), runnable -> Thread.ofPlatform().daemon().start(runnable));

            assertThat(gate.recountStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the refusal asked for a re-count").isTrue();
            // The re-count is held at its start: the buyer's answer must not depend on it.
            assertThatThrownBy(() -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InsufficientStock.class);
            assertThat(release.getCount()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (gate.count(tea).orElse(-1) != 3 && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(gate.count(tea)).as("the re-count ran afterwards").hasValue(3);
    }

    /** The in-memory gate, whose re-counts wait at their start for a latch once {@link #holdRecounts()} was called. */
    private static final class HeldRecounts extends ForwardingStockGate {
        final CountDownLatch recountStarted = new CountDownLatch(1);
        private volatile CountDownLatch release;

        HeldRecounts(StockGate gate) {
            super(gate);
        }

        CountDownLatch holdRecounts() {
            release = new CountDownLatch(1);
            return release;
        }

        @Override
        public Optional<Recount> beginRecount(ProductId product, Duration freeze) {
            CountDownLatch held = release;
            if (held != null) {
                recountStarted.countDown();
                try {
                    // Much longer than the test waits for the answer: a re-count on the buyer's thread shows as a missing answer.
                    if (!held.await(4 * WAIT_SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return gate.beginRecount(product, freeze);
        }
    }
}
