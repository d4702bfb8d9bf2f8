package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.PageRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.ProductCatalogue}. */
public abstract class AbstractProductCatalogueTest extends StorageFixtures {

    @Test
    void addsWithANewIdAndReadsBack() {
        Product added = storage.catalogue().add(unique("Jasmine 茉莉花茶"), "Fujian, 100 g", cny(6_600), true);

        assertThat(storage.catalogue().find(added.id())).contains(added);
        assertThat(added.price()).isEqualTo(cny(6_600));
    }

    @Test
    void findAllLeavesOutMissingIds() {
        Product a = newProduct(100, 1);
        Product b = newProduct(200, 1);
        ProductId missing = new ProductId(999_999_999L);

        assertThat(storage.catalogue().findAll(List.of(a.id(), b.id(), missing))).containsOnlyKeys(a.id(), b.id());
    }

    @Test
    void updatesExistingProductsOnly() {
        Product a = newProduct(100, 1);
        Product changed = new Product(a.id(), "new name", "new text", cny(150), false);

        storage.catalogue().update(changed);

        assertThat(storage.catalogue().find(a.id())).contains(changed);
        assertThatThrownBy(() -> storage.catalogue().update(new Product(new ProductId(999_999_998L), "x", "", cny(1), true)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void pagesInAscendingId() {
        Product a = newProduct(100, 1);
        Product b = newProduct(100, 1);
        Product c = newProduct(100, 1);

        var first = storage.catalogue().page(new PageRequest(Optional.of(Long.toString(a.id().value() - 1)), 2));
        var second = storage.catalogue().page(new PageRequest(first.next(), 2));

        assertThat(first.items()).containsExactly(a, b);
        assertThat(second.items()).startsWith(c);
        assertThatThrownBy(() -> storage.catalogue().page(new PageRequest(Optional.of("junk"), 2)))
                .isInstanceOf(ValidationFailed.class);
    }
}
