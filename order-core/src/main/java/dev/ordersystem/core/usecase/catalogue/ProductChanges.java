package dev.ordersystem.core.usecase.catalogue;

import java.util.Optional;

/** An admin's partial update of a product: only the present fields change. */
public record ProductChanges(Optional<String> name, Optional<String> description, Optional<Long> price,
                             Optional<Boolean> onSale) {
    public ProductChanges {
        name = name == null ? Optional.empty() : name;
        description = description == null ? Optional.empty() : description;
        price = price == null ? Optional.empty() : price;
        onSale = onSale == null ? Optional.empty() : onSale;
    }
}
