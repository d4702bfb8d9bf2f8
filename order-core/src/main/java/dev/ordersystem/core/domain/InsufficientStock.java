package dev.ordersystem.core.domain;

/** Not enough stock of a product (40002). Names the product. */
public final class InsufficientStock extends OrderSystemException {
    private final ProductId productId;

    public InsufficientStock(ProductId productId, String productName) {
        super(ErrorCode.INSUFFICIENT_STOCK, "insufficient stock for product " + productId
                + (productName == null ? "" : " (" + productName + ")"));
        this.productId = productId;
    }

    public ProductId productId() {
        return productId;
    }
}
