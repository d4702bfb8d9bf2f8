package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.OrderNumberTaken;
import dev.ordersystem.core.domain.IdempotencyKeyTaken;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.MinuteTally;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.OrderRepository}. */
public abstract class AbstractOrderRepositoryTest extends StorageFixtures {

    @Test
    void storesAndReadsBackEveryField() {
        UserId user = newUser(0);
        Product tea = newProduct(1_250, 10);
        Order order = pendingOrder(user, tea, 3, unique("key"));

        storage.orders().add(order);

        assertThat(storage.orders().find(order.orderNo())).contains(order);
        assertThat(storage.orders().lock(order.orderNo())).contains(order);
        assertThat(storage.orders().findByIdempotencyKey(user, order.idempotencyKey())).contains(order);
        assertThat(storage.orders().find(newOrderNo())).isEmpty();
    }

    @Test
    void anIdempotencyKeyHoldsOneOrderPerUser() {
        UserId user = newUser(0);
        UserId other = newUser(0);
        Product tea = newProduct(100, 10);
        String key = unique("key");
        storage.orders().add(pendingOrder(user, tea, 1, key));

        assertThatThrownBy(() -> storage.orders().add(pendingOrder(user, tea, 2, key))).isInstanceOf(IdempotencyKeyTaken.class);
        storage.orders().add(pendingOrder(other, tea, 1, key));
        assertThat(storage.orders().findByIdempotencyKey(other, key)).isPresent();
    }

    @Test
    void aTakenOrderNumberIsADomainErrorAndAMalformedPageKeyIsRefused() {
        UserId user = newUser(0);
        Order order = pendingOrder(user, newProduct(100, 10), 1, null);
        storage.orders().add(order);

        assertThatThrownBy(() -> storage.orders().add(order))
                .isInstanceOfSatisfying(OrderNumberTaken.class, e -> assertThat(e.orderNo()).isEqualTo(order.orderNo()));
        assertThatThrownBy(() -> storage.orders().findByUser(user, Optional.empty(), new PageRequest(Optional.of("not-a-key"), 10)))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field").containsExactly("cursor"));
    }

    @Test
    void addAllStoresEveryOrderWithItsItems() {
        UserId user = newUser(0);
        UserId other = newUser(0);
        Product tea = newProduct(1_250, 10);
        Product cake = newProduct(800, 10);
        Order first = pendingOrder(user, tea, 3, unique("key"));
        Order twoLines = Order.pending(newOrderNo(), other, PaymentMethod.ALIPAY, List.of(OrderItem.of(tea, 1), OrderItem.of(cake, 2)),
                address(), now, now.plusSeconds(1_800), null, null);
        Order third = pendingOrder(user, cake, 1, null);

        storage.transactions().inTransaction(() -> {
            storage.orders().addAll(List.of(first, twoLines, third));
            return null;
        });

        assertThat(storage.orders().find(first.orderNo())).contains(first);
        assertThat(storage.orders().find(twoLines.orderNo())).contains(twoLines);
        assertThat(storage.orders().find(third.orderNo())).contains(third);
        assertThat(storage.orders().find(twoLines.orderNo()).orElseThrow().items()).hasSize(2);
        assertThat(storage.orders().findByIdempotencyKey(user, first.idempotencyKey())).contains(first);
    }

    @Test
    void addAllWithAKeyTheUserHoldsIsRefusedAndTheRollbackLeavesNoneOfTheGroup() {
        UserId user = newUser(0);
        Product tea = newProduct(100, 10);
        String key = unique("key");
        Order earlier = pendingOrder(user, tea, 1, key);
        storage.orders().add(earlier);
        Order fresh = pendingOrder(newUser(0), tea, 1, unique("key"));
        Order sameKey = pendingOrder(user, tea, 2, key);
        Order last = pendingOrder(user, tea, 3, null);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.orders().addAll(List.of(fresh, sameKey, last));
            return null;
        })).isInstanceOf(IdempotencyKeyTaken.class).hasMessageContaining(key);

        assertThat(storage.orders().find(fresh.orderNo())).isEmpty();
        assertThat(storage.orders().find(sameKey.orderNo())).isEmpty();
        assertThat(storage.orders().find(last.orderNo())).isEmpty();
        assertThat(storage.orders().findByIdempotencyKey(user, key)).contains(earlier);
    }

    @Test
    void twoOrdersOfOneGroupWithTheSameKeyAreRefusedAndNoneIsStored() {
        UserId user = newUser(0);
        Product tea = newProduct(100, 10);
        String key = unique("key");
        Order first = pendingOrder(user, tea, 1, key);
        Order second = pendingOrder(user, tea, 2, key);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.orders().addAll(List.of(first, second));
            return null;
        })).isInstanceOf(IdempotencyKeyTaken.class).hasMessageContaining(key);

        assertThat(storage.orders().find(first.orderNo())).isEmpty();
        assertThat(storage.orders().findByIdempotencyKey(user, key)).isEmpty();
    }

    @Test
    void addAllWithATakenOrderNumberNamesItAndStoresNone() {
        UserId user = newUser(0);
        Product tea = newProduct(100, 10);
        Order stored = pendingOrder(user, tea, 1, null);
        storage.orders().add(stored);
        Order fresh = pendingOrder(user, tea, 2, null);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.orders().addAll(List.of(fresh, stored));
            return null;
        })).isInstanceOfSatisfying(OrderNumberTaken.class, e -> assertThat(e.orderNo()).isEqualTo(stored.orderNo()));

        assertThat(storage.orders().find(fresh.orderNo())).isEmpty();
        assertThat(storage.orders().find(stored.orderNo())).contains(stored);
    }

    @Test
    void addAllOfNoOrdersWritesNothing() {
        List<Order> newestBefore = storage.orders().findAll(Optional.empty(), PageRequest.first(100)).items();

        storage.orders().addAll(List.of());
        storage.transactions().inTransaction(() -> {
            storage.orders().addAll(List.of());
            return null;
        });

        assertThat(storage.orders().findAll(Optional.empty(), PageRequest.first(100)).items()).isEqualTo(newestBefore);
    }

    @Test
    void updateIsGuardedByTheExpectedStatus() {
        UserId user = newUser(0);
        Order order = pendingOrder(user, newProduct(100, 10), 1, null);
        storage.orders().add(order);
        Order paid = order.pay(PaymentMethod.ALIPAY, now);

        storage.orders().update(paid, OrderStatus.PENDING_PAYMENT);

        assertThat(storage.orders().find(order.orderNo())).contains(paid);
        assertThatThrownBy(() -> storage.orders().update(order.cancel(CancelReason.BY_USER, now), OrderStatus.PENDING_PAYMENT))
                .isInstanceOf(TransitionNotAllowed.class);
        assertThat(storage.orders().find(order.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void racingTransitionsFromOneStatusHaveOneWinner() throws Exception {
        UserId user = newUser(0);
        Order order = pendingOrder(user, newProduct(100, 10), 1, null);
        storage.orders().add(order);
        Callable<Object> pay = () -> storage.transactions().inTransaction(() -> {
            storage.orders().update(order.pay(PaymentMethod.WECHAT, now), OrderStatus.PENDING_PAYMENT);
            return null;
        });
        Callable<Object> cancel = () -> storage.transactions().inTransaction(() -> {
            storage.orders().update(order.cancel(CancelReason.BY_USER, now), OrderStatus.PENDING_PAYMENT);
            return null;
        });

        var results = Race.run(2, List.of(pay, cancel), Duration.ofSeconds(30));

        assertThat(results).filteredOn(Race.Result::succeeded).hasSize(1);
        assertThat(results).filteredOn(r -> !r.succeeded()).singleElement()
                .satisfies(r -> assertThat(r.error()).isInstanceOf(TransitionNotAllowed.class));
    }

    @Test
    void listsAUsersOrdersNewestFirstFilteredAndPaged() {
        UserId user = newUser(0);
        Product tea = newProduct(100, 10);
        Order first = pendingOrder(user, tea, 1, null);
        Order second = pendingOrder(user, tea, 2, null);
        Order third = pendingOrder(user, tea, 3, null);
        List.of(first, second, third).forEach(storage.orders()::add);
        storage.orders().update(second.pay(PaymentMethod.WECHAT, now), OrderStatus.PENDING_PAYMENT);
        storage.orders().add(pendingOrder(newUser(0), tea, 1, null));

        Page<Order> page1 = storage.orders().findByUser(user, Optional.empty(), PageRequest.first(2));
        Page<Order> page2 = storage.orders().findByUser(user, Optional.empty(), new PageRequest(page1.next(), 2));
        Page<Order> paid = storage.orders().findByUser(user, Optional.of(OrderStatus.PAID), PageRequest.first(10));

        assertThat(page1.items()).extracting(Order::orderNo).containsExactly(third.orderNo(), second.orderNo());
        assertThat(page2.items()).extracting(Order::orderNo).containsExactly(first.orderNo());
        assertThat(page2.next()).isEmpty();
        assertThat(paid.items()).extracting(Order::orderNo).containsExactly(second.orderNo());
        assertThat(storage.orders().findAll(Optional.empty(), PageRequest.first(100)).items())
                .extracting(Order::orderNo).contains(first.orderNo(), third.orderNo());
    }

    @Test
    void overdueOrdersAreLockedOldestDeadlineFirstUpToTheLimit() {
        UserId user = newUser(0);
        Product tea = newProduct(100, 10);
        Order early = pendingOrder(user, tea, 1, null);
        Order late = pendingOrder(user, tea, 1, null);
        Order paid = pendingOrder(user, tea, 1, null);
        List.of(early, late, paid).forEach(storage.orders()::add);
        storage.orders().update(paid.pay(PaymentMethod.WECHAT, now), OrderStatus.PENDING_PAYMENT);
        // Other tests' orders share the store: look far enough ahead to include ours, and no further.
        var due = storage.transactions().inTransaction(() -> storage.orders().lockOverdue(early.expiresAt().plusMillis(1), 1_000));

        assertThat(due).extracting(Order::orderNo).contains(early.orderNo(), late.orderNo()).doesNotContain(paid.orderNo());
        assertThat(storage.transactions().inTransaction(() -> storage.orders().lockOverdue(early.expiresAt().plusMillis(1), 1))).hasSize(1);
        assertThat(storage.transactions().inTransaction(() -> storage.orders().lockOverdue(early.expiresAt(), 1_000)))
                .as("overdue at the deadline itself").extracting(Order::orderNo).contains(early.orderNo());
        assertThat(storage.transactions().inTransaction(() -> storage.orders().lockOverdue(now, 1_000)))
                .extracting(Order::orderNo).doesNotContain(early.orderNo(), late.orderNo());
    }

    @Test
    void countsTheOrdersInAStatus() {
        UserId user = newUser(0);
        Product tea = newProduct(100, 10);
        long pendingBefore = storage.orders().countInStatus(OrderStatus.PENDING_PAYMENT);
        long paidBefore = storage.orders().countInStatus(OrderStatus.PAID);
        Order paid = storedPendingOrder(user, tea, 1);
        storedPendingOrder(user, tea, 1);
        storedPendingOrder(user, tea, 1);
        storage.orders().update(paid.pay(PaymentMethod.WECHAT, now), OrderStatus.PENDING_PAYMENT);

        assertThat(storage.orders().countInStatus(OrderStatus.PENDING_PAYMENT)).isEqualTo(pendingBefore + 2);
        assertThat(storage.orders().countInStatus(OrderStatus.PAID)).isEqualTo(paidBefore + 1);
    }

    @Test
    void talliesTheOrdersPlacedPerMinuteWithWhatThePaidOnesKept() {
        UserId user = newUser(0);
        Product tea = newProduct(250, 100);
        // A window of its own, far from the other tests' orders in a shared store.
        Instant tenOClock = Instant.parse("2035-03-01T10:00:00Z");
        Order first = placedAt(user, tea, 1, tenOClock.plusMillis(1_500));
        Order second = placedAt(user, tea, 2, tenOClock.plusSeconds(59).plusMillis(999));
        placedAt(user, tea, 3, tenOClock.plusSeconds(61));
        Order refunded = placedAt(user, tea, 4, tenOClock.plusSeconds(62));
        placedAt(user, tea, 1, tenOClock.minusMillis(1)); // before the window
        placedAt(user, tea, 1, tenOClock.plusSeconds(180)); // at its end: excluded
        storage.orders().update(first.pay(PaymentMethod.WECHAT, tenOClock.plusSeconds(5)), OrderStatus.PENDING_PAYMENT);
        storage.orders().update(second.pay(PaymentMethod.WECHAT, tenOClock.plusSeconds(70)), OrderStatus.PENDING_PAYMENT);
        Order paidThenRefunded = refunded.pay(PaymentMethod.WECHAT, tenOClock.plusSeconds(70));
        storage.orders().update(paidThenRefunded, OrderStatus.PENDING_PAYMENT);
        storage.orders().update(paidThenRefunded.refund(tenOClock.plusSeconds(80)), OrderStatus.PAID);

        List<MinuteTally> tallies = storage.orders().tallyByMinute(tenOClock, tenOClock.plusSeconds(180));

        assertThat(tallies).containsExactly(
                new MinuteTally(tenOClock, 2, 2, cny(750)),
                new MinuteTally(tenOClock.plusSeconds(60), 2, 0, cny(0)));
        assertThat(storage.orders().tallyByMinute(tenOClock.plusSeconds(120), tenOClock.plusSeconds(180))).isEmpty();
    }

    private Order placedAt(UserId user, Product product, int quantity, Instant at) {
        Order order = Order.pending(newOrderNo(), user, PaymentMethod.WECHAT, List.of(OrderItem.of(product, quantity)), address(),
                at, at.plusSeconds(1_800), null, null);
        storage.orders().add(order);
        return order;
    }
}
