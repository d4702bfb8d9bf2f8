package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ProductDetail;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.ProductCache;
import dev.ordersystem.core.port.ProductCatalogue;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;

import java.util.Optional;

/**
 * DESIGN §4.8: product detail. The product's own fields are read through the cache; the
 * available stock is not taken from the cached copy (it would lag by the cache's minute) but
 * from {@link AvailableStock}, live like the list's.
 */
public final class ViewProduct {
    private final Transactions transactions;
    private final ProductCatalogue catalogue;
    private final StockLedger stockLedger;
    private final ProductCache cache;
    private final AvailableStock stock;

    public ViewProduct(Transactions transactions, ProductCatalogue catalogue, StockLedger stockLedger, ProductCache cache,
                       AvailableStock stock) {
        this.transactions = transactions;
        this.catalogue = catalogue;
        this.stockLedger = stockLedger;
        this.cache = cache;
        this.stock = stock;
    }

    public ProductDetail view(ProductId id) {
        ProductDetail cached = cache.get(id, this::load).orElseThrow(() -> new NotFound("product " + id));
        return new ProductDetail(cached.product(), stock.of(id));
    }

    private Optional<ProductDetail> load(ProductId id) {
        return transactions.inTransaction(() -> catalogue.find(id)
                .map(product -> new ProductDetail(product, stockLedger.available(id))));
    }
}
