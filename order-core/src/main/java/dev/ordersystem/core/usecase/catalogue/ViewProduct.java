package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;
import dev.ordersystem.core.port.Storage;

import java.util.Optional;

/**
 * DESIGN §4.8: product detail read through the cache. The available stock shown may lag the
 * database by up to the cache TTL; placing an order always checks the real stock.
 */
public final class ViewProduct {
    private final Storage storage;
    private final ProductCache cache;

    public ViewProduct(Storage storage, ProductCache cache) {
        this.storage = storage;
        this.cache = cache;
    }

    public ProductDetail view(ProductId id) {
        return cache.get(id, this::load).orElseThrow(() -> new NotFound("product " + id));
    }

    private Optional<ProductDetail> load(ProductId id) {
        return storage.transactions().inTransaction(() -> storage.catalogue().find(id)
                .map(product -> new ProductDetail(product, storage.stock().available(id))));
    }
}
