package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.StockMovement;
import dev.ordersystem.core.port.AuditSource.StockFigures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.StockLedger}. */
public abstract class AbstractStockLedgerTest extends StorageFixtures {

    @Test
    void reservesAllLinesOrNone() {
        Product a = newProduct(100, 5);
        Product b = newProduct(100, 1);

        storage.stock().reserve(List.of(new StockLine(a.id(), 2), new StockLine(b.id(), 1)));
        assertThatThrownBy(() -> storage.stock().reserve(List.of(new StockLine(a.id(), 1), new StockLine(b.id(), 1))))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> {
                    assertThat(e.productId()).isEqualTo(b.id());
                    assertThat(e.available()).hasValue(0); // what a shopper's page offers instead
                });

        assertThat(storage.stock().available(a.id())).isEqualTo(3);
        assertThat(storage.stock().available(b.id())).isZero();

        // even inside a caller's transaction that catches the refusal and commits
        storage.transactions().inTransaction(() -> {
            assertThatThrownBy(() -> storage.stock().reserve(List.of(new StockLine(a.id(), 1), new StockLine(b.id(), 1))))
                    .isInstanceOf(InsufficientStock.class);
        });
        assertThat(storage.stock().available(a.id())).isEqualTo(3);
    }

    @Test
    void namesTheFirstShortProductInIdOrder() {
        Product a = newProduct(100, 1);
        Product b = newProduct(100, 1);

        assertThatThrownBy(() -> storage.stock().reserve(List.of(new StockLine(b.id(), 2), new StockLine(a.id(), 2))))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> {
                    assertThat(e.productId()).isEqualTo(a.id());
                    assertThat(e.productName()).hasValue(a.name());
                    assertThat(e.available()).hasValue(1);
                });
    }

    @Test
    void aProductWithoutStockIsUnavailable() {
        assertThatThrownBy(() -> storage.stock().reserve(List.of(new StockLine(new ProductId(888_888_888L), 1))))
                .isInstanceOf(ProductUnavailable.class);
        assertThatThrownBy(() -> storage.stock().available(new ProductId(888_888_888L))).isInstanceOf(NotFound.class);
    }

    @Test
    void releaseGivesStockBack() {
        Product a = newProduct(100, 5);
        storage.stock().reserve(List.of(new StockLine(a.id(), 4)));

        storage.stock().release(List.of(new StockLine(a.id(), 3)));

        assertThat(storage.stock().available(a.id())).isEqualTo(4);
    }

    @Test
    void adjustmentsAreRecordedAndNeverGoBelowZero() {
        Product a = newProduct(100, 5);

        storage.stock().adjust(a.id(), 10, "delivery");
        storage.stock().adjust(a.id(), -15, "stocktake");
        assertThatThrownBy(() -> storage.stock().adjust(a.id(), -1, "breakage"))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.available()).hasValue(0));

        assertThat(storage.stock().available(a.id())).isZero();
        assertThat(figuresOf(a.id())).isEqualTo(new StockFigures(a.id(), 0, 0, 0));
    }

    @Test
    void concurrentReservationsNeverOversell() throws Exception {
        Product hot = newProduct(100, 50);
        List<Callable<Object>> buyers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            buyers.add(() -> storage.transactions().inTransaction(() -> {
                storage.stock().reserve(List.of(new StockLine(hot.id(), 1)));
                return null;
            }));
        }

        var results = Race.run(16, buyers, Duration.ofMinutes(1));

        assertThat(results).filteredOn(Race.Result::succeeded).hasSize(50);
        assertThat(results).filteredOn(r -> !r.succeeded()).allSatisfy(r -> assertThat(r.error()).isInstanceOf(InsufficientStock.class));
        assertThat(storage.stock().available(hot.id())).isZero();
    }

    @Test
    void linesInOppositeOrdersNeverDeadlock() throws Exception {
        Product a = newProduct(100, 1_000);
        Product b = newProduct(100, 1_000);
        List<Callable<Object>> carts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<StockLine> lines = i % 2 == 0
                    ? List.of(new StockLine(a.id(), 1), new StockLine(b.id(), 1))
                    : List.of(new StockLine(b.id(), 1), new StockLine(a.id(), 1));
            carts.add(() -> storage.transactions().inTransaction(() -> {
                storage.stock().reserve(lines);
                return null;
            }));
        }

        var results = Race.run(16, carts, Duration.ofMinutes(1));

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(storage.stock().available(a.id())).isEqualTo(900);
        assertThat(storage.stock().available(b.id())).isEqualTo(900);
    }

    private StockFigures figuresOf(ProductId id) {
        return storage.audit().stockFigures().stream().filter(f -> f.productId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void listsAProductsMovementsNewestFirst() {
        Product a = newProduct(100, 5);
        Product other = newProduct(100, 9);
        storage.stock().adjust(a.id(), 10, "delivery 7");
        storage.stock().adjust(other.id(), 1, "not this one");
        storage.stock().adjust(a.id(), -3, "damaged in the <b>store</b>");

        List<StockMovement> movements = storage.stock().movements(a.id(), 10);

        assertThat(movements).extracting(StockMovement::productId).containsOnly(a.id());
        assertThat(movements).extracting(StockMovement::delta).containsExactly(-3L, 10L, 5L);
        assertThat(movements).extracting(StockMovement::reason).containsExactly("damaged in the <b>store</b>", "delivery 7", "initial stock");
        assertThat(movements).allSatisfy(m -> assertThat(m.at()).isNotNull());
        assertThat(storage.stock().movements(a.id(), 2)).extracting(StockMovement::delta).containsExactly(-3L, 10L);
        assertThat(storage.stock().movements(new ProductId(888_888_887L), 10)).isEmpty();
    }
}
