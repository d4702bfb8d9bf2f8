package dev.ordersystem.core.domain;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Not enough stock of a product (40002). Names the product and says how many units are left, so a
 * page can offer the shopper what there is. A refusal from the stock gate knows only the product:
 * {@link #described} adds the name and count the caller looked up.
 */
public final class InsufficientStock extends OrderSystemException {
    private final ProductId productId;
    private final String productName;
    private final Long available;

    /** {@code productName} may be null when the refusing ledger does not know it. */
    public InsufficientStock(ProductId productId, String productName, long available) {
        this(productId, productName, Long.valueOf(Math.max(0, available)));
    }

    private InsufficientStock(ProductId productId, String productName, Long available) {
        super(ErrorCode.INSUFFICIENT_STOCK, "insufficient stock for product " + productId
                + (productName == null ? "" : " (" + productName + ")") + (available == null ? "" : ": " + available + " left"));
        this.productId = productId;
        this.productName = productName;
        this.available = available;
    }

    /** A refusal that knows only which product is short. */
    public static InsufficientStock unnamed(ProductId productId) {
        return new InsufficientStock(productId, null, (Long) null);
    }

    /** The same refusal with the product's name and the units left. */
    public InsufficientStock described(String name, long left) {
        return new InsufficientStock(productId, name, left);
    }

    public ProductId productId() {
        return productId;
    }

    /** The product's name, when the refusal knew it. */
    public Optional<String> productName() {
        return Optional.ofNullable(productName);
    }

    /** Units left when the refusal was made (never negative), when the refusal knew it. */
    public OptionalLong available() {
        return available == null ? OptionalLong.empty() : OptionalLong.of(available);
    }
}
