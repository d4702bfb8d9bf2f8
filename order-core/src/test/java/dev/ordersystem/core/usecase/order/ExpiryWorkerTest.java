package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.memory.InMemoryDelayScheduler;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.DelayScheduler;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §4.6: the due jobs keep being claimed while a sweep runs (they used to share its thread). */
class ExpiryWorkerTest {
    private static final long WAIT_SECONDS = 30;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final Storage storage = InMemoryStorage.create(Currency.getInstance("CNY"));
    private final HeldSweepDrops scheduler = new HeldSweepDrops(new InMemoryDelayScheduler());
    private final OrderSystem system = new OrderSystem(storage, InMemoryFastPath.create(clock).withScheduler(scheduler),
            OrderSettings.defaults().withPasswordIterations(1_000), clock);

    @Test
    void dueJobsAreClaimedWhileASweepIsStillRunning() throws Exception {
        ProductId tea = system.manageCatalogue().create(new NewProduct("Tea", "green", 100, 10, true)).id();
        User user = system.registerUser().register("buyer_" + System.nanoTime(), "correct horse battery");
        Address address = system.manageAddresses().add(user.id(), new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue"));
        Order lost = system.placeOrder().placeOrder(new PlaceOrderCommand(user.id(), List.of(new OrderLine(tea.value(), 1)),
                address.id().value(), PaymentMethod.WECHAT, Optional.of("k1")));
        scheduler.delegate.cancel(lost.orderNo()); // its job lost: only the sweep will find it
        clock.advance(Duration.ofMinutes(31));
        CountDownLatch release = scheduler.holdDrops();
        try {
            system.expiryWorker().start();
            assertThat(scheduler.dropping.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the sweep runs and drops its jobs").isTrue();

            OrderNo due = new OrderNo("20310301100000000999001");
            scheduler.schedule(due, clock.instant());
            assertThat(scheduler.claimed(due).await(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("a due job is claimed while the sweep is still held").isTrue();
            assertThat(release.getCount()).isEqualTo(1);
        } finally {
            release.countDown();
            system.expiryWorker().close();
        }
        assertThat(storage.orders().find(lost.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    /** The in-memory queue, whose drops wait for a latch once {@link #holdDrops()} was called; it tells when a job is claimed. */
    private static final class HeldSweepDrops implements DelayScheduler {
        final InMemoryDelayScheduler delegate;
        final CountDownLatch dropping = new CountDownLatch(1);
        private final Map<OrderNo, CountDownLatch> claims = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile CountDownLatch release;

        HeldSweepDrops(InMemoryDelayScheduler delegate) {
            this.delegate = delegate;
        }

        CountDownLatch holdDrops() {
            release = new CountDownLatch(1);
            return release;
        }

        CountDownLatch claimed(OrderNo orderNo) {
            return claims.computeIfAbsent(orderNo, o -> new CountDownLatch(1));
        }

        private void held() {
            CountDownLatch latch = release;
            if (latch == null) return;
            dropping.countDown();
            try {
                // Far longer than the test waits for the claim: a claim behind the sweep shows as a missing claim.
                if (!latch.await(4 * WAIT_SECONDS, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void cancel(OrderNo orderNo) {
            held();
            delegate.cancel(orderNo);
        }

        @Override
        public void cancelAll(Collection<OrderNo> orderNos) {
            held();
            delegate.cancelAll(orderNos);
        }

        @Override
        public List<DueJob> claimDue(Instant now, int max, Duration lease) {
            List<DueJob> jobs = delegate.claimDue(now, max, lease);
            jobs.forEach(job -> claimed(job.orderNo()).countDown());
            return jobs;
        }

        @Override public void schedule(OrderNo orderNo, Instant dueAt) { delegate.schedule(orderNo, dueAt); }
        @Override public void scheduleAll(Map<OrderNo, Instant> dueAt) { delegate.scheduleAll(dueAt); }
        @Override public void complete(DueJob job) { delegate.complete(job); }
        @Override public void retry(DueJob job, Instant nextAttempt) { delegate.retry(job, nextAttempt); }
        @Override public Optional<Instant> earliestWaiting() { return delegate.earliestWaiting(); }
    }
}
