package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.ProductCatalogue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Products by id. */
final class InMemoryCatalogue implements ProductCatalogue {
    private final InMemoryStore store;
    final NavigableMap<ProductId, Product> products = new TreeMap<>();
    private final AtomicLong ids = new AtomicLong();

    InMemoryCatalogue(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Product add(String name, String description, Money price, boolean onSale, long lowStockThreshold) {
        Product product = new Product(new ProductId(ids.incrementAndGet()), name, description, price, onSale, lowStockThreshold);
        store.put(products, product.id(), product);
        return product;
    }

    @Override
    public Optional<Product> find(ProductId id) {
        return store.read(() -> Optional.ofNullable(products.get(id)));
    }

    @Override
    public Map<ProductId, Product> findAll(Collection<ProductId> ids) {
        return store.read(() -> {
            Map<ProductId, Product> found = new HashMap<>();
            for (ProductId id : ids) {
                Product product = products.get(id);
                if (product != null) found.put(id, product);
            }
            return found;
        });
    }

    @Override
    public void update(Product product) {
        store.inTransaction(() -> {
            if (!products.containsKey(product.id())) throw new NotFound("product " + product.id());
            store.put(products, product.id(), product);
            return null;
        });
    }

    @Override
    public Page<Product> page(PageRequest page) {
        long after = Pages.numericKey(page);
        return store.read(() -> Pages.of(products.values().stream().filter(p -> p.id().value() > after), page,
                p -> Long.toString(p.id().value())));
    }
}
