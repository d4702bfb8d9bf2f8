package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.StockMovement;
import dev.ordersystem.core.port.StockLedger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Available stock per product, and the recorded movements (initial stock, adjustments). */
final class InMemoryStockLedger implements StockLedger {
    private final InMemoryStore store;
    private final InMemoryCatalogue catalogue;
    private final Clock clock;
    final Map<ProductId, Long> available = new TreeMap<>();
    final List<StockMovement> movements = new ArrayList<>();

    InMemoryStockLedger(InMemoryStore store, InMemoryCatalogue catalogue, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @Override
    public void open(ProductId productId, long initial) {
        store.inTransaction(() -> {
            if (available.containsKey(productId)) throw new IllegalStateException("stock of " + productId + " is open already");
            store.put(available, productId, initial);
            store.append(movements, new StockMovement(productId, initial, "initial stock", clock.instant()));
            return null;
        });
    }

    @Override
    public void reserve(List<StockLine> lines) {
        List<StockLine> ordered = lines.stream().sorted(Comparator.comparing(StockLine::productId)).toList();
        store.inTransaction(() -> {
            for (StockLine line : ordered) {
                Long left = available.get(line.productId());
                if (left == null) throw new ProductUnavailable(line.productId());
                if (left < line.quantity()) throw new InsufficientStock(line.productId(), nameOf(line.productId()), left);
            }
            ordered.forEach(line -> store.put(available, line.productId(), available.get(line.productId()) - line.quantity()));
            return null;
        });
    }

    @Override
    public void release(List<StockLine> lines) {
        store.inTransaction(() -> {
            for (StockLine line : lines) {
                Long left = available.get(line.productId());
                if (left == null) throw new NotFound("stock of product " + line.productId());
                store.put(available, line.productId(), left + line.quantity());
            }
            return null;
        });
    }

    @Override
    public void adjust(ProductId productId, long delta, String reason) {
        store.inTransaction(() -> {
            long left = available(productId);
            if (left + delta < 0) throw new InsufficientStock(productId, nameOf(productId), left);
            store.put(available, productId, left + delta);
            store.append(movements, new StockMovement(productId, delta, reason, clock.instant()));
            return null;
        });
    }

    @Override
    public long available(ProductId productId) {
        return store.read(() -> {
            Long left = available.get(productId);
            if (left == null) throw new NotFound("stock of product " + productId);
            return left;
        });
    }

    @Override
    public List<StockMovement> movements(ProductId productId, int limit) {
        return store.read(() -> movements.reversed().stream().filter(m -> m.productId().equals(productId)).limit(limit).toList());
    }

    private String nameOf(ProductId id) {
        Product product = catalogue.products.get(id);
        return product == null ? null : product.name();
    }
}
