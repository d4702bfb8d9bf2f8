package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.usecase.catalogue.ProductChanges;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

import java.util.Optional;

/** {@code PATCH /admin/products/{id}}: the fields present change, the others stay. */
public record ProductPatchRequest(String name, String description, Long price, Boolean onSale, Long lowStockThreshold)
        implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        if (name == null && description == null && price == null && onSale == null && lowStockThreshold == null) {
            throw ValidationFailed.of("body", FieldFault.NOTHING_TO_CHANGE, "name, description, price, onSale, lowStockThreshold");
        }
    }

    public ProductChanges toChanges() {
        return new ProductChanges(Optional.ofNullable(name), Optional.ofNullable(description),
                Optional.ofNullable(price), Optional.ofNullable(onSale), Optional.ofNullable(lowStockThreshold));
    }
}
