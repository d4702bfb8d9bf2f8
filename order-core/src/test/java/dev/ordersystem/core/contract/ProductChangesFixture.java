package dev.ordersystem.core.contract;

import dev.ordersystem.core.usecase.catalogue.ProductChanges;

import java.util.Optional;

/** Short ways to build a one-field product change in tests. */
public final class ProductChangesFixture {
    private ProductChangesFixture() {
    }

    public static ProductChanges price(long minor) {
        return new ProductChanges(Optional.empty(), Optional.empty(), Optional.of(minor), Optional.empty());
    }

    public static ProductChanges onSale(boolean onSale) {
        return new ProductChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(onSale));
    }
}
