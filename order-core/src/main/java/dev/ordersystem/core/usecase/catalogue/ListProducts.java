package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.ProductCatalogue;
import dev.ordersystem.core.port.Transactions;

import java.util.List;
import java.util.Map;

/**
 * A page of the catalogue in ascending id, each product with the available stock
 * {@link AvailableStock} shows, so that the list and the detail agree.
 */
public final class ListProducts {
    private final Transactions transactions;
    private final ProductCatalogue catalogue;
    private final AvailableStock stock;

    public ListProducts(Transactions transactions, ProductCatalogue catalogue, AvailableStock stock) {
        this.transactions = transactions;
        this.catalogue = catalogue;
        this.stock = stock;
    }

    public Page<ProductDetail> page(PageRequest request) {
        Page<Product> products = transactions.inTransaction(() -> catalogue.page(request));
        Map<ProductId, Long> available = stock.of(products.items().stream().map(Product::id).toList());
        List<ProductDetail> details = products.items().stream()
                .map(p -> new ProductDetail(p, available.get(p.id())))
                .toList();
        return new Page<>(details, products.next());
    }
}
