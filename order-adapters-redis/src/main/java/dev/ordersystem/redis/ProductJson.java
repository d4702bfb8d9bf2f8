package dev.ordersystem.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;

import java.util.Currency;
import java.util.Optional;

/**
 * The cached form of a product detail: a flat JSON object owned by this adapter (so a change to
 * the domain records does not silently change what is in Redis), or the JSON {@code null} for an
 * id that does not exist.
 */
final class ProductJson {
    static final String MISSING = "null";

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    String write(Optional<ProductDetail> detail) {
        if (detail.isEmpty()) return MISSING;
        Product p = detail.get().product();
        Cached cached = new Cached(p.id().value(), p.name(), p.description(), p.price().minor(),
                p.price().currency().getCurrencyCode(), p.onSale(), detail.get().available(), p.lowStockThreshold());
        try {
            return mapper.writeValueAsString(cached);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write product " + p.id() + " as JSON", e);
        }
    }

    /** The detail, or empty for a missing id; throws {@link IllegalArgumentException} on anything else. */
    Optional<ProductDetail> read(String json) {
        if (MISSING.equals(json)) return Optional.empty();
        try {
            Cached c = mapper.readValue(json, Cached.class);
            Product product = new Product(new ProductId(c.id()), c.name(), c.description(),
                    Money.of(c.price(), Currency.getInstance(c.currency())), c.onSale(),
                    c.lowStockThreshold() == null ? 0 : c.lowStockThreshold());
            return Optional.of(new ProductDetail(product, c.available()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable cached product: " + e.getMessage(), e);
        }
    }

    /** {@code lowStockThreshold} null: an entry cached before products had one (none). */
    record Cached(long id, String name, String description, long price, String currency, boolean onSale, long available,
                  Long lowStockThreshold) {
    }
}
