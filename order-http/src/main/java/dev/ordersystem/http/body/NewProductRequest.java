package dev.ordersystem.http.body;

import dev.ordersystem.core.usecase.catalogue.NewProduct;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /admin/products}; {@code description} defaults to empty, {@code onSale} to true, {@code lowStockThreshold} to 0 (off). */
public record NewProductRequest(String name, String description, Long price, Long stock, Boolean onSale, Long lowStockThreshold)
        implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(name, "name");
        presence.require(price, "price");
        presence.require(stock, "stock");
    }

    /**
     * The product to add; also of a refused body, for the product rules' checks of its other
     * fields: a price or stock left out (refused already) reaches them as 0, and the answer names it once.
     */
    public NewProduct toNewProduct() {
        return new NewProduct(name, description == null ? "" : description, price == null ? 0 : price,
                stock == null ? 0 : stock, onSale == null || onSale, lowStockThreshold == null ? 0 : lowStockThreshold);
    }
}
