package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.http.body.ProductView;
import dev.ordersystem.http.json.JsonCodec;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of each product detail as last written, with its {@code ETag}, reused while the cache
 * hands out an equal detail: a hot product is serialised and hashed once per change (or
 * near-cache refresh), not per read.
 */
final class RenderedProducts {
    /** More than a shop's buyers look at between two changes; past it the map starts afresh. */
    private static final int MAX_PRODUCTS = 10_000;

    private final JsonCodec codec;
    private final ConcurrentHashMap<ProductId, Rendered> last = new ConcurrentHashMap<>();

    RenderedProducts(JsonCodec codec) {
        this.codec = codec;
    }

    /** The body for {@code detail} with its tag; callers must not change the array. */
    Revalidation.Tagged json(ProductDetail detail) {
        ProductId id = detail.product().id();
        Rendered rendered = last.get(id);
        if (rendered != null && rendered.detail().equals(detail)) return rendered.body();
        Revalidation.Tagged body = Revalidation.tag(codec.write(ProductView.of(detail)));
        if (last.size() >= MAX_PRODUCTS) last.clear();
        last.put(id, new Rendered(detail, body));
        return body;
    }

    private record Rendered(ProductDetail detail, Revalidation.Tagged body) {
    }
}
