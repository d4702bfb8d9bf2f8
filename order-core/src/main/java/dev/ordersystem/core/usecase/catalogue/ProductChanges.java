package dev.ordersystem.core.usecase.catalogue;

import java.util.Optional;

/** An admin's partial update of a product: only the present fields change ({@code lowStockThreshold} 0: off). */
public record ProductChanges(Optional<String> name, Optional<String> description, Optional<Long> price,
                             Optional<Boolean> onSale, Optional<Long> lowStockThreshold) {
    public ProductChanges {
        name = name == null ? Optional.empty() : name;
        description = description == null ? Optional.empty() : description;
        price = price == null ? Optional.empty() : price;
        onSale = onSale == null ? Optional.empty() : onSale;
        lowStockThreshold = lowStockThreshold == null ? Optional.empty() : lowStockThreshold;
    }

    /** Changes that leave the low-stock threshold as it is. */
    public ProductChanges(Optional<String> name, Optional<String> description, Optional<Long> price, Optional<Boolean> onSale) {
        this(name, description, price, onSale, Optional.empty());
    }
}
