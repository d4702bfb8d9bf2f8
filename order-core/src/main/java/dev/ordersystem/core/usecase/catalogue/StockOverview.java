package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockMovement;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.ProductCatalogue;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.util.List;

/**
 * The catalogue as the stock keeper sees it (DESIGN §16: products): every product with its available
 * stock read from the database itself, not through the cache or the stock gate, so the figure an
 * admin sees right after an adjustment is the one the adjustment left; and a product's recorded
 * stock movements (initial stock, adjustments with their reasons).
 */
public final class StockOverview {
    /** The most movements one read returns. */
    public static final int MAX_MOVEMENTS = 200;

    private final Transactions transactions;
    private final ProductCatalogue catalogue;
    private final StockLedger stock;

    public StockOverview(Transactions transactions, ProductCatalogue catalogue, StockLedger stock) {
        this.transactions = transactions;
        this.catalogue = catalogue;
        this.stock = stock;
    }

    /** A page of products in ascending id, each with its stock as the database holds it now. */
    public Page<ProductDetail> page(PageRequest request) {
        return transactions.inTransaction(() -> {
            Page<Product> products = catalogue.page(request);
            List<ProductDetail> details = products.items().stream()
                    .map(p -> new ProductDetail(p, stock.available(p.id())))
                    .toList();
            return new Page<>(details, products.next());
        });
    }

    /**
     * One product with its stock as the database holds it now.
     *
     * @throws NotFound when there is no such product
     */
    public ProductDetail product(ProductId id) {
        return transactions.inTransaction(() -> new ProductDetail(
                catalogue.find(id).orElseThrow(() -> new NotFound("product " + id)), stock.available(id)));
    }

    /**
     * The product's latest {@value #MAX_MOVEMENTS} recorded movements, newest first.
     *
     * @throws NotFound when there is no such product
     */
    public List<StockMovement> movements(ProductId id) {
        return transactions.inTransaction(() -> {
            catalogue.find(id).orElseThrow(() -> new NotFound("product " + id));
            return stock.movements(id, MAX_MOVEMENTS);
        });
    }
}
