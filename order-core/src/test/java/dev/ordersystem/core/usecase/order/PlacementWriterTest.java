package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PlacementUnanswered;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.AddressBook;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The placement writer: a lone placement written on the buyer's thread; a group formed behind a
 * held transaction, spoiled by one placement and rewritten one by one; an {@link Error} in a
 * group; a queued buyer's bounded wait. Groups are formed with latches: the first placement's
 * transaction waits until the test has seen the others queued.
 */
class PlacementWriterTest {
    private static final long WAIT_SECONDS = 30; // generous: the machine is shared; a pass takes milliseconds
    private static final int GROUP = 8;

    private final Clock clock = Clock.systemUTC();
    private final Storage real = InMemoryStorage.create(Currency.getInstance("CNY"));
    private final HeldTransactions transactions = new HeldTransactions(real.transactions());
    private final CountedAddressBook addresses = new CountedAddressBook(real.addresses());
    private final Storage storage = new Storage(transactions, real.orders(), real.stock(), real.balances(), real.catalogue(),
            real.payments(), real.attempts(), real.users(), real.tokens(), addresses, real.audit(), real.outbox(), real.webhooks(), real.refunds());
    private final OrderSettings settings = OrderSettings.defaults().withPasswordIterations(1_000);
    private final FastPath fastPath = InMemoryFastPath.create(clock);
    /** Fixtures, background re-counts and the audit use the store directly: only the writer's transactions are held and counted. */
    private final OrderSystem system = new OrderSystem(real, fastPath, settings, clock);
    private final GateAdmission gate = new GateAdmission(fastPath.gate(), fastPath.guard(),
            new StockRecount(real, fastPath.gate()), settings.gateLease(), settings.duplicateWindow());
    private final OrderNumberGenerator numbers = new OrderNumberGenerator(1, clock);
    private final ProductId tea = system.manageCatalogue().create(new NewProduct("Tea", "green", 100, 100, true)).id();

    @Test
    void aPlacementThatFindsNobodyQueuedAndAWriterFreeIsWrittenOnTheBuyersThread() {
        PlacementWriter writer = writer(1, ANSWER_WAIT);

        Order order = writer.write(placement(newBuyer()));

        assertThat(transactions.threads).containsExactly(Thread.currentThread().getName());
        assertThat(storage.orders().find(order.orderNo())).contains(order);
        assertThat(fastPath.gate().holdsInFlight(tea)).as("settled before the answer").isZero();
        assertThat(writer.queuedWithin(Duration.ofMinutes(1))).as("nothing queued: no load for deliveries to yield to").isFalse();
    }

    @Test
    void aGroupThatOnePlacementSpoilsIsRewrittenOneByOneAndEveryBuyerGetsItsOwnAnswer() throws Exception {
        PlacementWriter writer = writer(1, ANSWER_WAIT);
        Buyer first = newBuyer();
        List<Buyer> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) queued.add(newBuyer());
        Buyer spoiler = queued.get(2);
        List<Placement> placements = new ArrayList<>();
        for (Buyer buyer : queued) {
            // One buyer names another buyer's address: a refusal only that placement earns.
            placements.add(placement(buyer == spoiler ? new Buyer(spoiler.userId(), first.addressId()) : buyer));
        }

        CountDownLatch release = transactions.holdNext();
        CompletableFuture<Order> firstAnswer = async(writer, placement(first));
        assertThat(transactions.held.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first transaction runs").isTrue();
        List<CompletableFuture<Order>> answers = placements.stream().map(p -> async(writer, p)).toList();
        awaitQueued(writer, placements.size()); // behind the held transaction, the only writer's: one group forms
        release.countDown();

        assertThat(firstAnswer.get(WAIT_SECONDS, TimeUnit.SECONDS).userId()).isEqualTo(first.userId());
        for (int i = 0; i < placements.size(); i++) {
            Placement placement = placements.get(i);
            if (queued.get(i) == spoiler) {
                CompletableFuture<Order> refused = answers.get(i);
                assertThatThrownBy(() -> refused.get(WAIT_SECONDS, TimeUnit.SECONDS))
                        .cause().isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors())
                                .containsExactly(FieldError.of("addressId", FieldFault.NO_SUCH_ADDRESS)));
                assertThat(storage.orders().find(placement.orderNo())).isEmpty();
            } else {
                Order order = answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(order.orderNo()).isEqualTo(placement.orderNo());
                assertThat(order.userId()).isEqualTo(queued.get(i).userId());
                assertThat(storage.orders().find(order.orderNo())).contains(order);
            }
        }
        // The first placement alone; then the group of 5 was tried (one read of its 5 addresses), rolled back,
        // and written one placement at a time.
        assertThat(addresses.reads).containsExactly(1, 5, 1, 1, 1, 1, 1);
        assertThat(transactions.opened).hasValue(1 + 1 + 5);
        assertThat(writer.transactionsCommitted()).isEqualTo(1 + 4);
        assertThat(writer.ordersWritten()).isEqualTo(1 + 4);
        assertThat(writer.queuedWithin(Duration.ofMinutes(1))).as("placements queued: the load deliveries yield to").isTrue();
        assertThat(writer.queuedWithin(Duration.ZERO)).isFalse();
        assertThat(real.stock().available(tea)).isEqualTo(100 - 5);
        assertThat(fastPath.gate().holdsInFlight(tea)).as("every hold settled or given back before its answer").isZero();
        assertThat(system.audit().run().violations()).isEmpty();
    }

    @Test
    void anErrorInAGroupAnswersEveryBuyerOfItAndTheWriterGoesOn() throws Exception {
        PlacementWriter writer = writer(1, ANSWER_WAIT);
        List<Placement> buyers = new ArrayList<>();
        for (int i = 0; i < 4; i++) buyers.add(placement(newBuyer()));

        CountDownLatch release = transactions.holdNext();
        CompletableFuture<Order> first = async(writer, buyers.get(0));
        assertThat(transactions.held.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first transaction runs").isTrue();
        transactions.failNextWith(new StackOverflowError("injected"));
        CompletableFuture<Order> second = async(writer, buyers.get(1));
        CompletableFuture<Order> third = async(writer, buyers.get(2));
        awaitQueued(writer, 2); // both queued behind the first: they form one group
        release.countDown();

        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        for (CompletableFuture<Order> failed : List.of(second, third)) {
            assertThatThrownBy(() -> failed.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("a buyer of the failed group is answered, not left waiting")
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasRootCauseInstanceOf(StackOverflowError.class);
        }
        assertThat(transactions.failure).isNull();

        // The writer's place was given up: placement goes on.
        Order after = async(writer, buyers.get(3)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(storage.orders().find(after.orderNo())).contains(after);
        assertThat(storage.orders().find(buyers.get(1).orderNo())).isEmpty();
        assertThat(real.stock().available(tea)).isEqualTo(98);
        assertThat(fastPath.gate().holdsInFlight(tea)).isZero();
        assertThat(system.audit().run().violations()).isEmpty();
    }

    @Test
    void aQueuedBuyerWaitsABoundedTimeForAWriterThatDoesNotAnswer() throws Exception {
        PlacementWriter writer = writer(1, Duration.ofMillis(200));
        CountDownLatch release = transactions.holdNext();
        try {
            async(writer, placement(newBuyer()));
            assertThat(transactions.held.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first transaction runs").isTrue();
            CompletableFuture<Order> stuck = async(writer, placement(newBuyer()));
            assertThatThrownBy(() -> stuck.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .cause().isInstanceOf(PlacementUnanswered.class)
                    .hasMessageContaining("try again");
            assertThat(fastPath.gate().holdsInFlight(tea)).as("the unanswered buyer's hold was given back").isEqualTo(1);
            assertThat(writer.queued()).as("the unanswered placement is out of the queue: no writer writes it later").isZero();
        } finally {
            release.countDown();
        }
    }

    private static final Duration ANSWER_WAIT = PlacementWriter.ANSWER_WAIT;

    private PlacementWriter writer(int writers, Duration answerWait) {
        return new PlacementWriter(storage.transactions(), new PlacementTransaction(storage, settings, clock), gate,
                new ExpiryJobs(fastPath.scheduler()), GROUP, writers, answerWait);
    }

    private record Buyer(UserId userId, long addressId) {
    }

    private Buyer newBuyer() {
        User user = system.registerUser().register("buyer_" + System.nanoTime(), "correct horse battery");
        Address address = system.manageAddresses().add(user.id(), new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue"));
        return new Buyer(user.id(), address.id().value());
    }

    /** One unit of tea, admitted at the gate as {@link PlaceOrder} admits it. */
    private Placement placement(Buyer buyer) {
        PlaceOrderCommand command = new PlaceOrderCommand(buyer.userId(), List.of(new OrderLine(tea.value(), 1)),
                buyer.addressId(), PaymentMethod.WECHAT, Optional.empty());
        Cart cart = Cart.of(command);
        return gate.admit(numbers.next(), command, cart, cart.fingerprint(command));
    }

    private static CompletableFuture<Order> async(PlacementWriter writer, Placement placement) {
        CompletableFuture<Order> answer = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("buyer-" + placement.orderNo()).start(() -> {
            try {
                answer.complete(writer.write(placement));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Until {@code count} placements wait in the writer's queue (they can go nowhere while its only writer is held). */
    private static void awaitQueued(PlacementWriter writer, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (writer.queued() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("only " + writer.queued() + " of " + count + " queued");
            Thread.yield();
        }
        assertThat(writer.queued()).isEqualTo(count);
    }

    /** The store's transactions, counted; the next one may wait for a latch, or throw a given failure (once). */
    private static final class HeldTransactions implements Transactions {
        private final Transactions real;
        final CountDownLatch held = new CountDownLatch(1);
        final AtomicInteger opened = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch release;
        volatile Throwable failure;

        HeldTransactions(Transactions real) {
            this.real = real;
        }

        CountDownLatch holdNext() {
            release = new CountDownLatch(1);
            return release;
        }

        void failNextWith(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            opened.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            CountDownLatch gate = release;
            if (gate != null) {
                release = null;
                held.countDown();
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
                if (fail instanceof Error error) throw error;
                throw (RuntimeException) fail;
            }
            return real.inTransaction(work);
        }
    }

    /** The store's address book, noting how many addresses each {@code findEach} asked for. */
    private record CountedAddressBook(AddressBook real, List<Integer> reads) implements AddressBook {
        CountedAddressBook(AddressBook real) {
            this(real, new CopyOnWriteArrayList<>());
        }

        @Override
        public List<Optional<Address>> findEach(List<Owned> wanted) {
            reads.add(wanted.size());
            return real.findEach(wanted);
        }

        @Override
        public Address add(UserId userId, ShippingAddress address) {
            return real.add(userId, address);
        }

        @Override
        public List<Address> list(UserId userId) {
            return real.list(userId);
        }

        @Override
        public Optional<Address> find(UserId userId, AddressId id) {
            return real.find(userId, id);
        }

        @Override
        public Optional<Address> findDefault(UserId userId) {
            return real.findDefault(userId);
        }

        @Override
        public Address setDefault(UserId userId, AddressId id) {
            return real.setDefault(userId, id);
        }

        @Override
        public void remove(UserId userId, AddressId id) {
            real.remove(userId, id);
        }
    }
}
