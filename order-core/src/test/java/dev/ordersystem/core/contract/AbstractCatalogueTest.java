package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import dev.ordersystem.core.usecase.catalogue.ProductChanges;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §4.8: catalogue reads through the cache, admin changes invalidate it; the available
 * stock of the detail and the list is live (issue 12), not the cached copy's.
 */
public abstract class AbstractCatalogueTest extends AbstractOrderSystemTest {
    /** The largest auto-increment step among the stores (a Galera cluster of up to this many nodes). */
    private static final int AUTO_INCREMENT_STEP_BOUND = 9;


    @Test
    void createdProductIsReadableWithItsStock() {
        Product created = system.manageCatalogue().create(new NewProduct(unique("Oolong"), "high mountain", 8_800, 12, true));

        ProductDetail detail = system.viewProduct().view(created.id());

        assertThat(detail.product()).isEqualTo(created);
        assertThat(detail.product().price()).isEqualTo(cny(8_800));
        assertThat(detail.available()).isEqualTo(12);
    }

    @Test
    void missingProductIsNotFoundAndBecomesVisibleOnceCreated() {
        Product other = system.manageCatalogue().create(new NewProduct(unique("probe"), "", 100, 1, true));
        // The next id is not always id + 1: a Galera cluster steps auto-increment by its node count
        // (auto_increment_increment), so every id the next product may get is looked up first.
        List<ProductId> following = LongStream.rangeClosed(1, AUTO_INCREMENT_STEP_BOUND)
                .mapToObj(step -> new ProductId(other.id().value() + step)).toList();
        following.forEach(id -> assertThatThrownBy(() -> system.viewProduct().view(id)).isInstanceOf(NotFound.class)); // now cached as missing

        Product created = system.manageCatalogue().create(new NewProduct(unique("late"), "", 100, 1, true));

        assertThat(following).contains(created.id());
        assertThat(system.viewProduct().view(created.id()).product()).isEqualTo(created);
    }

    @Test
    void updatesAndStockAdjustmentsShowThroughTheCache() {
        ProductId tea = newProduct(1_000, 10);
        system.viewProduct().view(tea); // cached

        system.manageCatalogue().update(tea, new ProductChanges(Optional.of("Renamed"), Optional.empty(), Optional.of(1_200L), Optional.of(false)));
        long available = system.manageCatalogue().adjustStock(tea, 5, "delivery");

        ProductDetail detail = system.viewProduct().view(tea);
        assertThat(detail.product().name()).isEqualTo("Renamed");
        assertThat(detail.product().price()).isEqualTo(cny(1_200));
        assertThat(detail.product().onSale()).isFalse();
        assertThat(available).isEqualTo(15);
        assertThat(detail.available()).isEqualTo(15);
        assertInvariantsHold();
    }

    @Test
    void theDetailAndTheListShowEachOrderAndCancelAtOnceAndAgree() {
        ProductId tea = newProduct(1_000, 10);
        assertThat(shown(tea)).containsExactly(10L, 10L); // the detail is cached from here on
        Buyer buyer = newBuyer(0);

        Order order = place(buyer, PaymentMethod.WECHAT, line(tea, 3));
        assertThat(shown(tea)).as("[detail, list] after an order").containsExactly(7L, 7L);
        system.cancelOrder().cancelByUser(buyer.userId(), order.orderNo());
        assertThat(shown(tea)).as("[detail, list] after its cancel").containsExactly(10L, 10L);
        system.manageCatalogue().adjustStock(tea, -4, "damaged");
        assertThat(shown(tea)).as("[detail, list] after an adjustment").containsExactly(6L, 6L);
    }

    /** The available stock of {@code product} in its detail and in the list page that starts with it. */
    private List<Long> shown(ProductId product) {
        long listed = system.listProducts().page(new PageRequest(Optional.of(Long.toString(product.value() - 1)), 1))
                .items().getFirst().available();
        return List.of(system.viewProduct().view(product).available(), listed);
    }

    @Test
    void stockNeverGoesBelowZero() {
        ProductId tea = newProduct(1_000, 3);

        assertThatThrownBy(() -> system.manageCatalogue().adjustStock(tea, -4, "breakage")).isInstanceOf(InsufficientStock.class);
        assertThat(system.manageCatalogue().adjustStock(tea, -3, "breakage")).isZero();
        assertInvariantsHold();
    }

    @Test
    void badProductInputNamesTheFields() {
        assertThatThrownBy(() -> system.manageCatalogue().create(new NewProduct("", "x".repeat(2_001), 0, -1, true)))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field")
                        .containsExactlyInAnyOrder("name", "description", "price", "stock"));
        assertThatThrownBy(() -> system.manageCatalogue().create(new NewProduct("n".repeat(201), "", 1, 1, true)))
                .isInstanceOf(ValidationFailed.class);
        ProductId tea = newProduct(1_000, 3);
        assertThatThrownBy(() -> system.manageCatalogue().adjustStock(tea, 0, "")).isInstanceOfSatisfying(ValidationFailed.class,
                e -> assertThat(e.errors()).extracting("field").containsExactlyInAnyOrder("delta", "reason"));
        assertThatThrownBy(() -> system.manageCatalogue().update(new ProductId(999_999_999L), ProductChangesFixture.price(5)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void productsArePagedInIdOrder() {
        ProductId a = newProduct(100, 1);
        ProductId b = newProduct(100, 2);
        ProductId c = newProduct(100, 3);

        var first = system.listProducts().page(new PageRequest(Optional.of(Long.toString(a.value() - 1)), 2));
        var second = system.listProducts().page(new PageRequest(first.next(), 2));

        assertThat(first.items()).extracting(d -> d.product().id()).containsExactly(a, b);
        assertThat(first.items()).extracting(ProductDetail::available).containsExactly(1L, 2L);
        assertThat(second.items()).extracting(d -> d.product().id()).startsWith(c);
    }
}
