package dev.ordersystem.core.contract;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.ShippingSettings;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.Shipment;
import dev.ordersystem.core.domain.ShipmentCorrection;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.order.ShipmentDetails;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shipping with carrier and tracking number, its corrections, the buyer's receipt confirmation
 * and the automatic completion of long-shipped orders, alone and on two instances at once.
 */
public abstract class AbstractShippingTest extends AbstractOrderSystemTest {
    protected static final Duration WINDOW = Duration.ofHours(1);
    private static final ShipmentDetails SF = new ShipmentDetails("  SF Express ", " SF1234567890 ");

    protected int racedOrders() { return 60; }
    protected int threads() { return 8; }
    protected Duration limit() { return Duration.ofMinutes(2); }

    /**
     * The store a second instance of the shop uses: the same database through its own
     * connections where the store allows it; by default the same store object.
     */
    protected Storage secondInstance() {
        return storage;
    }

    @Override
    protected ShippingSettings shipping() {
        return ShippingSettings.defaults().withAutoCompleteAfter(Optional.of(WINDOW)).withAutoCompleteBatch(5);
    }

    private Order paidOrder() {
        return place(newBuyer(1_000), PaymentMethod.BALANCE, line(newProduct(300, 5), 1));
    }

    @Test
    void shipStoresTheTrimmedCarrierAndTrackingNumberWithTheShippingTime() {
        Order paid = paidOrder();

        Order shipped = system.shipOrder().ship(paid.orderNo(), SF);

        Shipment expected = new Shipment("SF Express", "SF1234567890", clock.instant());
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.shipment()).isEqualTo(expected);
        assertThat(storage.orders().find(paid.orderNo()).orElseThrow().shipment()).isEqualTo(expected);
    }

    @Test
    void shipRefusesMissingOrMalformedFieldsNamingEachAndWritesNothing() {
        Order paid = paidOrder();

        assertThatThrownBy(() -> system.shipOrder().ship(paid.orderNo(), new ShipmentDetails(null, "  ")))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("carrier", "trackingNumber"));
        assertThatThrownBy(() -> system.shipOrder().ship(paid.orderNo(), new ShipmentDetails("x".repeat(33), "SF 1")))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("carrier", "trackingNumber"));
        assertThatThrownBy(() -> system.shipOrder().ship(new OrderNo("99990101000000000999997"), new ShipmentDetails(null, null)))
                .isInstanceOf(ValidationFailed.class);

        Order stored = storage.orders().find(paid.orderNo()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.PAID);
        assertThat(stored.shipment()).isNull();
    }

    @Test
    void aShopWithACarrierListTakesOnlyItsCodesIgnoringCase() {
        OrderSystem listed = new OrderSystem(storage, fastPath, settings(), shipping().withCarriers(Set.of("SF", "YTO")), clock);
        Order paid = paidOrder();

        assertThatThrownBy(() -> listed.shipOrder().ship(paid.orderNo(), new ShipmentDetails("DHL", "1")))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("carrier"));
        assertThat(listed.shipOrder().ship(paid.orderNo(), new ShipmentDetails(" yto ", "YT1")).shipment().carrier()).isEqualTo("YTO");
    }

    @Test
    void aCorrectionReplacesTheTrackingNumberAndIsRecordedOldToNew() {
        Order shipped = system.shipOrder().ship(paidOrder().orderNo(), SF);
        clock.advance(Duration.ofMinutes(5));

        Order corrected = system.shipOrder().correct(shipped.orderNo(), new ShipmentDetails("SF Express", "SF0000000001"));

        assertThat(corrected.shipment()).isEqualTo(new Shipment("SF Express", "SF0000000001", shipped.shippedAt()));
        assertThat(storage.orders().find(shipped.orderNo()).orElseThrow().shipment()).isEqualTo(corrected.shipment());
        assertThat(system.shipOrder().corrections(shipped.orderNo())).containsExactly(new ShipmentCorrection(shipped.orderNo(),
                "SF Express", "SF1234567890", "SF Express", "SF0000000001", clock.instant()));
    }

    @Test
    void onlyAShippedOrderCanBeCorrected() {
        Order paid = paidOrder();

        assertThatThrownBy(() -> system.shipOrder().correct(paid.orderNo(), SF)).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> system.shipOrder().correct(new OrderNo("99990101000000000999997"), SF)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> system.shipOrder().corrections(new OrderNo("99990101000000000999997"))).isInstanceOf(NotFound.class);
        assertThat(system.shipOrder().corrections(paid.orderNo())).isEmpty();
    }

    @Test
    void theBuyerConfirmsReceiptOnceAndAgainIsTheSameCompletedOrder() {
        Order paid = paidOrder();
        system.shipOrder().ship(paid.orderNo(), SF);
        clock.advance(Duration.ofMinutes(10));

        Order completed = system.confirmReceipt().confirm(paid.userId(), paid.orderNo());
        clock.advance(Duration.ofMinutes(1));
        Order again = system.confirmReceipt().confirm(paid.userId(), paid.orderNo());

        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.completedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(completed.shipment().trackingNumber()).isEqualTo("SF1234567890");
        assertThat(again).isEqualTo(completed);
        assertThat(storage.orders().find(paid.orderNo()).orElseThrow()).isEqualTo(completed);
        assertInvariantsHold();
    }

    @Test
    void anotherBuyerCannotConfirmAndAnUnshippedOrderCannotBeConfirmed() {
        Order paid = paidOrder();
        Buyer stranger = newBuyer(0);

        assertThatThrownBy(() -> system.confirmReceipt().confirm(paid.userId(), paid.orderNo()))
                .isInstanceOfSatisfying(TransitionNotAllowed.class, e -> assertThat(e.from()).isEqualTo(OrderStatus.PAID));
        system.shipOrder().ship(paid.orderNo(), SF);
        assertThatThrownBy(() -> system.confirmReceipt().confirm(stranger.userId(), paid.orderNo())).isInstanceOf(NotFound.class);
        assertThat(storage.orders().find(paid.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void automaticCompletionTakesOnlyOrdersShippedLongerAgoThanTheWindowAndTheAuditWatchesIt() {
        drainDueOrders();
        Order old = paidOrder();
        Order recent = paidOrder();
        system.shipOrder().ship(old.orderNo(), SF);
        clock.advance(Duration.ofMinutes(45));
        system.shipOrder().ship(recent.orderNo(), SF);
        clock.advance(Duration.ofSeconds(15 * 60 + 30)); // old: shipped 60.5 min ago, recent: 15.5 min ago

        assertThat(system.audit().run().violations()).isEmpty(); // window + one interval (61 min) not over yet
        clock.advance(Duration.ofMinutes(1));
        assertThat(system.audit().run().violations()).extracting(v -> v.invariant() + " " + v.subject())
                .containsExactly("no-stuck-shipped " + old.orderNo().value());

        assertThat(system.autoCompletion().runOnce()).isEqualTo(1);

        Order completed = storage.orders().find(old.orderNo()).orElseThrow();
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.completedAt()).isEqualTo(clock.instant());
        assertThat(storage.orders().find(recent.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(system.autoCompletion().completedTotal()).isEqualTo(1);
        assertInvariantsHold();
    }

    @Test
    void automaticCompletionIsOffWithoutAWindow() {
        OrderSystem off = new OrderSystem(storage, fastPath, settings(), shipping().withAutoCompleteAfter(Optional.empty()), clock);
        Order paid = paidOrder();
        system.shipOrder().ship(paid.orderNo(), SF);
        clock.advance(Duration.ofDays(400));

        assertThat(off.autoCompletion().enabled()).isFalse();
        assertThat(off.autoCompletion().runOnce()).isZero();
        assertThat(off.audit().run().violations()).isEmpty();
        assertThat(storage.orders().find(paid.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        system.autoCompletion().runOnce(); // leaves the shared store with nothing overdue
    }

    @Test
    void twoInstancesCompletingAtOnceCompleteEachOrderExactlyOnce() throws Exception {
        drainDueOrders();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < racedOrders(); i++) orders.add(system.shipOrder().ship(paidOrder().orderNo(), SF));
        clock.advance(WINDOW.plusMinutes(1));
        OrderSystem other = new OrderSystem(secondInstance(), InMemoryFastPath.create(clock), settings(), shipping(), clock);
        List<Callable<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < threads(); i++) runs.add((i % 2 == 0 ? system : other).autoCompletion()::runOnce);

        var results = Race.run(threads(), runs, limit());

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(results.stream().mapToInt(Race.Result::value).sum()).isEqualTo(racedOrders());
        assertThat(system.autoCompletion().completedTotal() + other.autoCompletion().completedTotal()).isEqualTo(racedOrders());
        for (Order order : orders) {
            assertThat(storage.orders().find(order.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETED);
        }
        assertInvariantsHold();
    }

    @Test
    void automaticCompletionRacingRefundsHasOneWinnerPerOrder() throws Exception {
        List<Order> orders = new ArrayList<>();
        List<ProductId> products = new ArrayList<>();
        for (int i = 0; i < racedOrders(); i++) {
            ProductId product = newProduct(300, 5);
            products.add(product);
            orders.add(place(newBuyer(1_000), PaymentMethod.BALANCE, line(product, 1)));
        }
        // The completing instance's clock is past every window, so it completes each order the moment it ships.
        Clock later = Clock.offset(clock, WINDOW.multipliedBy(2));
        OrderSystem completer = new OrderSystem(secondInstance(), InMemoryFastPath.create(later), settings(), shipping(), later);
        List<Callable<Object>> tasks = new ArrayList<>();
        for (Order order : orders) {
            tasks.add(() -> system.refundOrder().refund(order.orderNo()));
            tasks.add(() -> system.shipOrder().ship(order.orderNo(), SF));
        }
        for (int i = 0; i < threads(); i++) {
            tasks.add(() -> {
                int completed = 0;
                for (int run = 0; run < 20; run++) completed += completer.autoCompletion().runOnce();
                return completed;
            });
        }

        var results = Race.run(threads(), tasks, limit());
        completer.autoCompletion().runOnce(); // what shipped after the racing runs
        clock.advance(WINDOW.multipliedBy(3));

        assertThat(results).filteredOn(r -> !r.succeeded())
                .allSatisfy(r -> assertThat(r.error()).isInstanceOf(TransitionNotAllowed.class));
        for (int i = 0; i < orders.size(); i++) {
            Order order = orders.get(i);
            boolean refunded = results.get(2 * i).succeeded();
            boolean shipped = results.get(2 * i + 1).succeeded();
            assertThat(refunded).as("exactly one of refund and ship wins for " + order.orderNo()).isNotEqualTo(shipped);
            Order stored = storage.orders().find(order.orderNo()).orElseThrow();
            assertThat(stored.status()).as(stored + " refund " + results.get(2 * i) + " ship " + results.get(2 * i + 1)).isEqualTo(refunded ? OrderStatus.REFUNDED : OrderStatus.COMPLETED);
            assertThat(available(products.get(i))).isEqualTo(refunded ? 5 : 4);
            assertThat(balance(order.userId())).isEqualTo(refunded ? 1_000 : 700);
        }
        assertInvariantsHold();
    }

    /** Completes what earlier tests on a shared store left shipped, so a count covers only this test's orders. */
    private void drainDueOrders() {
        clock.advance(WINDOW.multipliedBy(2));
        system.autoCompletion().runOnce();
    }
}
