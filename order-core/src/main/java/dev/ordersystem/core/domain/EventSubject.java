package dev.ordersystem.core.domain;

import java.util.Objects;

/**
 * What an event is about: an order (its {@code order.*} and {@code payment.*} events) or a product
 * ({@code stock.low}). Events of one subject reach each endpoint in the order they happened; the
 * outbox and the deliveries keep the subject as its {@link #key()}.
 */
public sealed interface EventSubject {
    String PRODUCT_PREFIX = "product-";

    /** The subject as stored: the order number itself, or {@code product-<id>} (never a well-formed order number). */
    String key();

    /** The order number, or null for a product's event. */
    OrderNo orderNo();

    /** The product, or null for an order's event. */
    ProductId productId();

    static EventSubject of(OrderNo orderNo) {
        return new OfOrder(orderNo);
    }

    static EventSubject of(ProductId productId) {
        return new OfProduct(productId);
    }

    /** The subject a stored {@link #key()} names. */
    static EventSubject fromKey(String key) {
        if (key.startsWith(PRODUCT_PREFIX)) return new OfProduct(new ProductId(Long.parseLong(key.substring(PRODUCT_PREFIX.length()))));
        return new OfOrder(new OrderNo(key));
    }

    record OfOrder(OrderNo orderNo) implements EventSubject {
        public OfOrder {
            Objects.requireNonNull(orderNo, "orderNo");
        }

        @Override
        public String key() {
            return orderNo.value();
        }

        @Override
        public ProductId productId() {
            return null;
        }
    }

    record OfProduct(ProductId productId) implements EventSubject {
        public OfProduct {
            Objects.requireNonNull(productId, "productId");
        }

        @Override
        public String key() {
            return PRODUCT_PREFIX + productId.value();
        }

        @Override
        public OrderNo orderNo() {
            return null;
        }
    }
}
