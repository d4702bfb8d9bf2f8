package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The placement writer when something that is no refusal escapes a group's write (an
 * {@link Error}): every buyer of the group is answered, the writer keeps going, and a buyer
 * never waits longer than the writer's bound.
 */
class PlacementWriterTest {
    private static final long WAIT_SECONDS = 30; // generous: the machine is shared; a pass takes milliseconds

    private final Clock clock = Clock.systemUTC();
    private final Storage real = InMemoryStorage.create(Currency.getInstance("CNY"));
    private final ScriptedTransactions transactions = new ScriptedTransactions(real.transactions());
    private final Storage storage = new Storage(transactions, real.orders(), real.stock(), real.balances(), real.catalogue(),
            real.payments(), real.users(), real.tokens(), real.addresses(), real.audit());
    private final OrderSettings settings = OrderSettings.defaults().withPasswordIterations(1_000);
    private final OrderSystem system = new OrderSystem(storage, InMemoryFastPath.create(clock), settings, clock);
    private final OrderNumberGenerator numbers = new OrderNumberGenerator(1, clock);
    private final ProductId tea = system.manageCatalogue().create(new NewProduct("Tea", "green", 100, 100, true)).id();

    @Test
    void anErrorInAGroupAnswersEveryBuyerOfItAndTheWriterGoesOn() throws Exception {
                // One writer, groups of up to 8: buyers queued behind a running transaction are written together.
        PlacementWriter writer = new PlacementWriter(storage.transactions(), new PlacementTransaction(storage, settings, clock),
                8, 1, orders -> { });
        List<Placement> buyers = new ArrayList<>();
        for (int i = 0; i < 4; i++) buyers.add(placement(i));

        CountDownLatch release = transactions.blockNext();
        CompletableFuture<Order> first = async(writer, buyers.get(0));
        assertThat(transactions.blocked.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first transaction runs").isTrue();
        transactions.failNextWith(new StackOverflowError("injected"));
        List<Thread> waiting = new ArrayList<>();
        CompletableFuture<Order> second = async(writer, buyers.get(1), waiting);
        CompletableFuture<Order> third = async(writer, buyers.get(2), waiting);
        awaitWaitingInWrite(waiting); // both queued behind the first: they form one group
        release.countDown();

        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        for (CompletableFuture<Order> failed : List.of(second, third)) {
            assertThatThrownBy(() -> failed.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("a buyer of the failed group is answered, not left waiting")
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasRootCauseInstanceOf(StackOverflowError.class);
        }
        assertThat(transactions.injected).isFalse();

        // The writer's slot was freed or kept: placement goes on.
        Order after = async(writer, buyers.get(3)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(storage.orders().find(after.orderNo())).contains(after);
        assertThat(storage.orders().find(buyers.get(1).orderNo())).isEmpty();
        assertThat(real.stock().available(tea)).isEqualTo(98);
        assertThat(system.audit().run().violations()).isEmpty();
    }

    @Test
    void aBuyerWaitsABoundedTimeForAWriterThatDoesNotAnswer() throws Exception {
        PlacementWriter writer = new PlacementWriter(storage.transactions(), new PlacementTransaction(storage, settings, clock),
                8, 1, orders -> { }, Duration.ofMillis(200));
        Placement buyer = placement(0);
        CountDownLatch release = transactions.blockNext();
        try {
            CompletableFuture<Order> stuck = async(writer, buyer);
            assertThatThrownBy(() -> stuck.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .cause().isInstanceOf(dev.ordersystem.core.domain.PlacementUnanswered.class)
                    .hasMessageContaining("try again");
        } finally {
            release.countDown();
        }
    }

    private Placement placement(int i) {
        User user = system.registerUser().register("buyer" + i + "_" + System.nanoTime(), "correct horse battery");
        Address address = system.manageAddresses().add(user.id(), new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue"));
        PlaceOrderCommand command = new PlaceOrderCommand(user.id(), Arrays.asList(new OrderLine(tea.value(), 1)),
                address.id().value(), PaymentMethod.WECHAT, Optional.of("k" + i));
        Cart cart = Cart.of(command);
        OrderNo orderNo = numbers.next();
        return new Placement(orderNo, command, cart, cart.fingerprint(command));
    }

    private static CompletableFuture<Order> async(PlacementWriter writer, Placement placement) {
        return async(writer, placement, new ArrayList<>());
    }

    private static CompletableFuture<Order> async(PlacementWriter writer, Placement placement, List<Thread> threads) {
        CompletableFuture<Order> answer = new CompletableFuture<>();
        Thread buyer = Thread.ofPlatform().daemon().name("buyer-" + placement.orderNo()).start(() -> {
            try {
                answer.complete(writer.write(placement));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        threads.add(buyer);
        return answer;
    }

    /** Until every thread is parked inside {@code PlacementWriter.write} (queued, waiting for its answer). */
    private static void awaitWaitingInWrite(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!threads.stream().allMatch(PlacementWriterTest::waitsInWrite)) {
            if (System.nanoTime() > deadline) throw new AssertionError("buyers never queued");
            Thread.sleep(5);
        }
    }

    private static boolean waitsInWrite(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) return false;
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(PlacementWriter.class.getName()) && frame.getMethodName().equals("write"));
    }

    /** The store's transactions, of which the next one may wait for a latch or throw a given failure (once). */
    private static final class ScriptedTransactions implements Transactions {
        private final Transactions real;
        final CountDownLatch blocked = new CountDownLatch(1);
        private volatile CountDownLatch release;
        private volatile Throwable failure;
        volatile boolean injected;

        ScriptedTransactions(Transactions real) {
            this.real = real;
        }

        CountDownLatch blockNext() {
            release = new CountDownLatch(1);
            return release;
        }

        void failNextWith(Throwable failure) {
            this.failure = failure;
            injected = true;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            CountDownLatch gate = release;
            if (gate != null) {
                release = null;
                blocked.countDown();
                try {
                    if (!gate.await(WAIT_SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return real.inTransaction(work);
            }
            Throwable fail = failure;
            if (fail != null) {
                failure = null;
                injected = false;
                if (fail instanceof Error error) throw error;
                throw (RuntimeException) fail;
            }
            return real.inTransaction(work);
        }
    }
}
