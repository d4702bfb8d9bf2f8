package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;
import dev.ordersystem.core.port.Storage;

import java.util.Optional;

/**
 * DESIGN §4.8: product detail. The product's own fields are read through the cache; the
 * available stock is not taken from the cached copy (it would lag by the cache's minute) but
 * from {@link AvailableStock}, live like the list's.
 */
public final class ViewProduct {
    private final Storage storage;
    private final ProductCache cache;
    private final AvailableStock stock;

    public ViewProduct(Storage storage, ProductCache cache, AvailableStock stock) {
        this.storage = storage;
        this.cache = cache;
        this.stock = stock;
    }

    public ProductDetail view(ProductId id) {
        ProductDetail cached = cache.get(id, this::load).orElseThrow(() -> new NotFound("product " + id));
        return new ProductDetail(cached.product(), stock.of(id));
    }

    private Optional<ProductDetail> load(ProductId id) {
        return storage.transactions().inTransaction(() -> storage.catalogue().find(id)
                .map(product -> new ProductDetail(product, storage.stock().available(id))));
    }
}
