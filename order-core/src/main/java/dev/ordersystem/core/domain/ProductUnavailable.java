package dev.ordersystem.core.domain;

/** The product does not exist or is off sale (40003). */
public final class ProductUnavailable extends OrderSystemException {
    private final ProductId productId;

    public ProductUnavailable(ProductId productId) {
        super(ErrorCode.PRODUCT_UNAVAILABLE, "product " + productId + " is missing or off sale");
        this.productId = productId;
    }

    public ProductId productId() {
        return productId;
    }
}
