package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.BalanceEntry;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockMovement;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.usecase.dashboard.ShopDashboard;
import dev.ordersystem.core.usecase.order.OrderHistory;
import dev.ordersystem.core.usecase.order.OrderHistory.Event;
import dev.ordersystem.core.usecase.order.ShipmentDetails;
import dev.ordersystem.core.usecase.user.LookUpUsers;
import dev.ordersystem.core.domain.OrderNo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §16: what the admin console reads, through the use cases over each store: the dashboard,
 * an order's timeline, users by name with their journal, the catalogue with database stock and a
 * product's movements. A store may be shared by the tests of a class: each works on its own day,
 * users and products, and compares counts that span the store by their change.
 */
public abstract class AbstractAdminReadsTest extends AbstractOrderSystemTest {
    private static final AtomicInteger DAYS = new AtomicInteger();

    /** Moves the test's clock forward to {@code time} of a day no other test of this run uses. */
    private Instant moveTo(String time) {
        Instant day = Instant.parse("2041-01-01T00:00:00Z").plus(Duration.ofDays(3L * DAYS.incrementAndGet()));
        Instant target = day.plus(Duration.parse(time));
        clock.advance(Duration.between(clock.instant(), target));
        return target;
    }

    @Test
    void theDashboardCountsTodaysOrdersAndTheLastHourAcrossMidnight() {
        Buyer buyer = newBuyer(10_000);
        ProductId tea = newProduct(1_500, 100);
        long pendingBefore = system.dashboard().now().pendingPayment();
        Instant midnight = moveTo("PT0S").plus(Duration.ofDays(1));
        clock.advance(Duration.between(clock.instant(), midnight.minusSeconds(50)));
        place(buyer, PaymentMethod.WECHAT, line(tea, 1)); // yesterday, 23:59:10
        clock.advance(Duration.ofSeconds(80));
        place(buyer, PaymentMethod.BALANCE, line(tea, 2)); // today, 00:00:30
        Order cancelled = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        system.cancelOrder().cancelByAdmin(cancelled.orderNo());
        clock.advance(Duration.ofSeconds(35)); // now 00:01:05

        ShopDashboard.Figures figures = system.dashboard().now();

        assertThat(figures.since()).isEqualTo(midnight);
        assertThat(figures.ordersToday()).isEqualTo(2);
        assertThat(figures.paidToday()).isEqualTo(1);
        assertThat(figures.revenueToday()).isEqualTo(cny(3_000));
        assertThat(figures.pendingPayment()).isEqualTo(pendingBefore + 1);
        assertThat(figures.needingAttention()).containsOnlyKeys(PaymentStatus.MISMATCH, PaymentStatus.REFUND_REQUIRED,
                PaymentStatus.UNMATCHED);
        List<ShopDashboard.MinuteCount> minutes = figures.perMinute();
        assertThat(minutes).hasSize(ShopDashboard.MINUTES);
        assertThat(minutes.getLast().minute()).isEqualTo(midnight.plusSeconds(60));
        assertThat(minutes.subList(57, 60)).extracting(ShopDashboard.MinuteCount::placed).containsExactly(1L, 2L, 0L);
        assertThat(minutes.stream().mapToLong(ShopDashboard.MinuteCount::placed).sum()).isEqualTo(3);
    }

    @Test
    void anOrdersTimelineTellsWhatHappenedInOrderWithTheMoneyEachStepMoved() {
        Buyer buyer = newBuyer(10_000);
        ProductId tea = newProduct(2_000, 10);
        Order order = place(buyer, PaymentMethod.BALANCE, line(tea, 1));
        clock.advance(Duration.ofMinutes(5));
        system.shipOrder().ship(order.orderNo(), new ShipmentDetails("SF", "SF100"));
        clock.advance(Duration.ofMinutes(5));
        system.shipOrder().correct(order.orderNo(), new ShipmentDetails("YTO", "YT200"));
        clock.advance(Duration.ofMinutes(5));
        system.completeOrder().complete(order.orderNo());

        List<OrderHistory.Entry> timeline = system.orderHistory().timeline(order.orderNo());

        assertThat(timeline).extracting(OrderHistory.Entry::event)
                .containsExactly(Event.PLACED, Event.PAID, Event.SHIPPED, Event.SHIPMENT_CORRECTED, Event.COMPLETED);
        assertThat(timeline.get(0).amount()).isEqualTo(cny(2_000));
        assertThat(timeline.get(1).amount()).isEqualTo(cny(2_000));
        assertThat(timeline.get(1).detail()).isEqualTo("BALANCE");
        assertThat(timeline.get(3).detail()).isEqualTo("SF SF100 -> YTO YT200");
        assertThat(timeline).extracting(OrderHistory.Entry::at).isSorted();
        assertThat(system.orderHistory().payments(order.orderNo())).isEmpty();
        OrderNo missing = new OrderNo("20410101000000000999999");
        assertThatThrownBy(() -> system.orderHistory().timeline(missing)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> system.orderHistory().payments(missing)).isInstanceOf(NotFound.class);
    }

    @Test
    void usersAreFoundByNameWithTheirBalanceAndJournalNewestFirst() {
        Buyer buyer = newBuyer(1_000);
        system.topUpBalance().topUp(buyer.userId(), 250, "goodwill");
        String name = storage.users().find(buyer.userId()).orElseThrow().username();

        LookUpUsers.UserBalance found = system.lookUpUsers().byName("  " + name.toUpperCase(Locale.ROOT) + " ").orElseThrow();

        assertThat(found.user().id()).isEqualTo(buyer.userId());
        assertThat(found.balance()).isEqualTo(cny(1_250));
        assertThat(system.lookUpUsers().byId(buyer.userId())).isEqualTo(found);
        assertThat(system.lookUpUsers().journal(buyer.userId())).extracting(BalanceEntry::delta).containsExactly(cny(250), cny(1_000));
        assertThat(system.lookUpUsers().byName(unique("nobody"))).isEmpty();
        assertThatThrownBy(() -> system.lookUpUsers().byName(" ")).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> system.lookUpUsers().byName(null)).isInstanceOf(ValidationFailed.class);
        assertThatThrownBy(() -> system.lookUpUsers().byId(new dev.ordersystem.core.domain.UserId(987_654_321L)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void theStockOverviewShowsWhatTheDatabaseHoldsAndEveryMovement() {
        ProductId mug = newProduct(900, 4);
        Buyer buyer = newBuyer(10_000);
        place(buyer, PaymentMethod.BALANCE, line(mug, 1));
        system.manageCatalogue().adjustStock(mug, 7, "delivery 12");

        ProductDetail detail = system.stockOverview().product(mug);

        assertThat(detail.available()).isEqualTo(10);
        assertThat(system.stockOverview().page(PageRequest.first(PageRequest.MAX_LIMIT)).items())
                .filteredOn(p -> p.product().id().equals(mug)).containsExactly(detail);
        assertThat(system.stockOverview().movements(mug)).extracting(StockMovement::delta, StockMovement::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, "delivery 12"), org.assertj.core.groups.Tuple.tuple(4L, "initial stock"));
        assertThatThrownBy(() -> system.stockOverview().product(new ProductId(987_654_321L))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> system.stockOverview().movements(new ProductId(987_654_321L))).isInstanceOf(NotFound.class);
    }
}
