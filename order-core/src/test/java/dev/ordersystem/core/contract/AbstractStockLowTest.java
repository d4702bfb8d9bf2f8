package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.EventSubject;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.PublishedEvent;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import dev.ordersystem.core.usecase.catalogue.ProductChanges;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §15 {@code stock.low}: a product's threshold is kept by every store and the event is
 * written in the transaction of the stock change that takes the available stock from at or above
 * the threshold to below it — by a placement (alone or in a group) or an admin's adjustment — once
 * per crossing, never for a sale below it or a change that was rolled back.
 */
public abstract class AbstractStockLowTest extends AbstractOrderSystemTest {

    private ProductId productWithThreshold(long stock, long threshold) {
        return system.manageCatalogue().create(new NewProduct(unique("Pu'er"), "aged", 1_000, stock, true, threshold)).id();
    }

    /** The stock.low events of {@code product} in the feed, publishing what is committed first. */
    private List<PublishedEvent> stockLow(ProductId product) {
        while (!storage.transactions().inTransaction(() -> storage.outbox().publishNext(500)).isEmpty()) {
            // publish everything committed so far
        }
        List<PublishedEvent> mine = new ArrayList<>();
        long after = 0;
        for (List<PublishedEvent> page = system.eventFeed().after(after, 500); !page.isEmpty();
             page = system.eventFeed().after(after, 500)) {
            for (PublishedEvent e : page) if (e.subject().equals(EventSubject.of(product))) mine.add(e);
            after = page.getLast().position();
        }
        mine.forEach(e -> assertThat(e.type()).isEqualTo(EventType.STOCK_LOW));
        return mine;
    }

    private static String availableIn(PublishedEvent event) {
        return event.data().replaceAll(".*\"available\":(\\d+).*", "$1");
    }

    @Test
    void theThresholdIsStoredChangedAndShownThroughTheCache() {
        ProductId tea = productWithThreshold(50, 7);
        assertThat(system.viewProduct().view(tea).product().lowStockThreshold()).isEqualTo(7); // cached from here on
        assertThat(storage.catalogue().findAll(List.of(tea)).get(tea).lowStockThreshold()).isEqualTo(7);

        system.manageCatalogue().update(tea, new ProductChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(12L)));
        assertThat(system.viewProduct().view(tea).product().lowStockThreshold()).isEqualTo(12);
        system.manageCatalogue().update(tea, new ProductChanges(Optional.of("Renamed"), Optional.empty(), Optional.empty(),
                Optional.empty()));
        Product renamed = system.viewProduct().view(tea).product();
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.lowStockThreshold()).as("a change that does not name it keeps it").isEqualTo(12);
        system.manageCatalogue().update(tea, new ProductChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(0L)));
        assertThat(storage.catalogue().find(tea).orElseThrow().lowStockThreshold()).as("0: off").isZero();
    }

    @Test
    void aNegativeOrAbsurdThresholdIsRefusedNamingTheField() {
        assertThatThrownBy(() -> system.manageCatalogue().create(new NewProduct(unique("bad"), "", 1_000, 5, true, -1)))
                .isInstanceOfSatisfying(ValidationFailed.class,
                        e -> assertThat(e.errors()).anySatisfy(f -> assertThat(f.field()).isEqualTo("lowStockThreshold")));
        ProductId tea = productWithThreshold(5, 0);
        assertThatThrownBy(() -> system.manageCatalogue().update(tea, new ProductChanges(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(2_000_000_000L))))
                .isInstanceOfSatisfying(ValidationFailed.class,
                        e -> assertThat(e.errors()).anySatisfy(f -> assertThat(f.field()).isEqualTo("lowStockThreshold")));
        assertThat(storage.catalogue().find(tea).orElseThrow().lowStockThreshold()).isZero();
    }

    @Test
    void placementsAndAdjustmentsWriteOneEventPerCrossing() {
        ProductId tea = productWithThreshold(10, 5);
        Buyer buyer = newBuyer(1_000_000);

        place(buyer, PaymentMethod.BALANCE, line(tea, 2)); // 10 → 8
        place(buyer, PaymentMethod.BALANCE, line(tea, 3)); // 8 → 5: at the threshold, not below
        assertThat(stockLow(tea)).isEmpty();
        Order crossing = place(buyer, PaymentMethod.WECHAT, line(tea, 1)); // 5 → 4: below
        place(buyer, PaymentMethod.BALANCE, line(tea, 1)); // 4 → 3: a sale below it, no event
        assertThat(stockLow(tea)).extracting(AbstractStockLowTest::availableIn).containsExactly("4");

        system.cancelOrder().cancelByUser(buyer.userId(), crossing.orderNo()); // 3 → 4, still below
        system.manageCatalogue().adjustStock(tea, 6, "delivery"); // 4 → 10: above again
        place(buyer, PaymentMethod.BALANCE, line(tea, 6)); // 10 → 4: the second crossing
        system.manageCatalogue().adjustStock(tea, 20, "delivery"); // 4 → 24
        system.manageCatalogue().adjustStock(tea, -21, "breakage"); // 24 → 3: the third, by an admin
        system.manageCatalogue().adjustStock(tea, -1, "breakage"); // 3 → 2: below already

        List<PublishedEvent> events = stockLow(tea);
        assertThat(events).extracting(AbstractStockLowTest::availableIn).containsExactly("4", "4", "3");
        assertThat(events.getFirst().data()).contains("\"productId\":" + tea.value(), "\"lowStockThreshold\":5");
        assertThat(available(tea)).isEqualTo(2);
        assertInvariantsHold();
    }

    @Test
    void aRefusedPlacementOrAdjustmentWritesNoEvent() {
        ProductId tea = productWithThreshold(6, 5);
        Buyer poor = newBuyer(0);

        assertThatThrownBy(() -> place(poor, PaymentMethod.BALANCE, line(tea, 3))).isInstanceOf(InsufficientBalance.class);
        assertThatThrownBy(() -> system.manageCatalogue().adjustStock(tea, -7, "too many"))
                .isInstanceOf(dev.ordersystem.core.domain.InsufficientStock.class);

        assertThat(available(tea)).isEqualTo(6);
        assertThat(stockLow(tea)).isEmpty();
    }

    @Test
    void noEventForAProductWithoutThresholdOrOneSetBelowTheStockAlready() {
        ProductId plain = productWithThreshold(3, 0);
        ProductId late = productWithThreshold(3, 0);
        Buyer buyer = newBuyer(1_000_000);
        place(buyer, PaymentMethod.BALANCE, line(plain, 3));
        system.manageCatalogue().update(late, new ProductChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(10L))); // 3 is below 10 already: no crossing, no event
        place(buyer, PaymentMethod.BALANCE, line(late, 1));

        assertThat(stockLow(plain)).isEmpty();
        assertThat(stockLow(late)).isEmpty();
    }

    @Test
    void buyersRacingAcrossTheThresholdWriteExactlyOneEvent() throws Exception {
        ProductId tea = productWithThreshold(40, 25);
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) buyers.add(newBuyer(1_000_000));
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (Buyer buyer : buyers) {
            tasks.add(() -> {
                for (int i = 0; i < 4; i++) place(buyer, PaymentMethod.BALANCE, line(tea, 1));
                return 4;
            });
        }
        var results = Race.run(tasks.size(), tasks, Duration.ofMinutes(2));

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(available(tea)).isEqualTo(8);
        // Placements may share a transaction (a group takes their total at once): the crossing
        // reports what was left after the one that crossed, below 25 and at least 8.
        assertThat(stockLow(tea)).as("40 → 8 past 25, one crossing").singleElement()
                .satisfies(e -> assertThat(Long.parseLong(availableIn(e))).isBetween(8L, 24L));
        assertInvariantsHold();
    }
}
