package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The products a shop sells (prices, names, on/off sale). Joins the caller's transaction. */
public interface ProductCatalogue {

    /** Adds a product without a low-stock threshold and returns it with its new id. */
    default Product add(String name, String description, Money price, boolean onSale) {
        return add(name, description, price, onSale, 0);
    }

    /** Adds a product and returns it with its new id; {@code lowStockThreshold} 0: none. */
    Product add(String name, String description, Money price, boolean onSale, long lowStockThreshold);

    Optional<Product> find(ProductId id);

    /** The products among {@code ids} that exist; missing ids are absent from the map. */
    Map<ProductId, Product> findAll(Collection<ProductId> ids);

    /** @throws dev.ordersystem.core.domain.NotFound when there is no such product */
    void update(Product product);

    /** Products in ascending id; the page key is the id. */
    Page<Product> page(PageRequest page);
}
