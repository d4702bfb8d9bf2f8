package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Storage;

import java.util.List;

/** A page of the catalogue with each product's available stock, in ascending id. */
public final class ListProducts {
    private final Storage storage;

    public ListProducts(Storage storage) {
        this.storage = storage;
    }

    public Page<ProductDetail> page(PageRequest request) {
        return storage.transactions().inTransaction(() -> {
            Page<Product> products = storage.catalogue().page(request);
            List<ProductDetail> details = products.items().stream()
                    .map(p -> new ProductDetail(p, storage.stock().available(p.id())))
                    .toList();
            return new Page<>(details, products.next());
        });
    }
}
