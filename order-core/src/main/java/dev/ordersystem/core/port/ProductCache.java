package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;

import java.util.Optional;
import java.util.function.Function;

/**
 * Product details read through a cache. Also remembers that an id does not exist (for a short
 * while), so junk ids do not reach the database, and lets one loader at a time fill a key.
 * A cache that is down reads through to {@code loader}. The {@code available} of a cached detail
 * is the figure at load time and is not shown: product reads take the live one
 * ({@code AvailableStock}); the cache serves the product's own fields.
 */
public interface ProductCache {

    Optional<ProductDetail> get(ProductId id, Function<ProductId, Optional<ProductDetail>> loader);

    /** Forgets {@code id}; called after the database commit of any change to it. */
    void invalidate(ProductId id);
}
