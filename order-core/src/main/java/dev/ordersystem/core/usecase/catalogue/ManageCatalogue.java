package dev.ordersystem.core.usecase.catalogue;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.ProductCache;
import dev.ordersystem.core.port.ProductCatalogue;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.InputErrors;
import dev.ordersystem.core.usecase.order.Restock;
import dev.ordersystem.core.usecase.order.StockRecount;

import java.time.Clock;
import java.util.Currency;
import java.util.List;

/**
 * DESIGN §4.8, admin side: add products, change them, adjust stock. Each change commits first
 * and then invalidates the cached detail, so a reader never re-caches the old value for long.
 * Setting a threshold on a product whose stock is already below it writes no event: only a change
 * of stock that crosses it does.
 */
public final class ManageCatalogue {
    private final Transactions transactions;
    private final ProductCatalogue catalogue;
    private final StockLedger stock;
    private final ProductCache cache;
    private final Restock restock;
    private final StockRecount recount;
    private final Currency currency;
    private final Outbox outbox;
    private final Clock clock;

    public ManageCatalogue(Transactions transactions, ProductCatalogue catalogue, StockLedger stock, ProductCache cache,
                           Restock restock, StockRecount recount, Currency currency, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.catalogue = catalogue;
        this.stock = stock;
        this.cache = cache;
        this.restock = restock;
        this.recount = recount;
        this.currency = currency;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Product create(NewProduct request) {
        check(request);
        Product product = transactions.inTransaction(() -> {
            Product added = catalogue.add(request.name(), request.description(),
                    Money.of(request.price(), currency), request.onSale(), request.lowStockThreshold());
            stock.open(added.id(), request.stock());
            return added;
        });
        cache.invalidate(product.id()); // the id may be cached as "missing"
        recount.recount(product.id()); // counted in the stock gate before its first buyer
        return product;
    }

    public Product update(ProductId id, ProductChanges changes) {
        check(changes);
        Product updated = transactions.inTransaction(() -> {
            Product current = catalogue.find(id).orElseThrow(() -> new NotFound("product " + id));
            Product changed = new Product(id, changes.name().orElse(current.name()),
                    changes.description().orElse(current.description()),
                    changes.price().map(minor -> Money.of(minor, currency)).orElse(current.price()),
                    changes.onSale().orElse(current.onSale()),
                    changes.lowStockThreshold().orElse(current.lowStockThreshold()));
            catalogue.update(changed);
            return changed;
        });
        cache.invalidate(id);
        return updated;
    }

    /**
     * Adds (or with a negative delta, removes) stock; never below zero. Returns the new available
     * stock. Removing units that takes the stock below the product's threshold writes
     * {@code stock.low} in the same transaction (DESIGN §15).
     */
    public long adjustStock(ProductId id, long delta, String reason) {
        checkStockChange(delta, reason);
        long available = transactions.inTransaction(() -> {
            Product product = catalogue.find(id).orElseThrow(() -> new NotFound("product " + id));
            stock.adjust(id, delta, reason);
            long after = stock.available(id);
            if (product.fallsLow(after - delta, after)) outbox.append(List.of(OrderEvent.stockLow(product, after, clock.instant())));
            return after;
        });
        cache.invalidate(id);
        // Units added reach the gate as a cancel's do, at once and even while a re-count cannot
        // drain (a busy sale): a re-count begun before this restock no longer applies.
        if (delta > 0) restock.returned(List.of(new StockLine(id, Math.toIntExact(delta))));
        recount.recount(id); // the stock gate takes the new figure from the database (units removed, too)
        return available;
    }

    // The rules alone, for a caller that refuses other parts of the request first and lists these
    // faults with its own. Each throws ValidationFailed naming every refused field.

    /** The rules a new product must keep. */
    public static void check(NewProduct request) {
        InputErrors errors = new InputErrors();
        ProductRules.checkName(errors, request.name());
        ProductRules.checkDescription(errors, request.description());
        ProductRules.checkPrice(errors, request.price());
        errors.requireRange(request.stock(), "stock", 0, ProductRules.MAX_STOCK);
        ProductRules.checkLowStockThreshold(errors, request.lowStockThreshold());
        errors.throwIfAny();
    }

    /** The rules the fields a change names must keep. */
    public static void check(ProductChanges changes) {
        InputErrors errors = new InputErrors();
        changes.name().ifPresent(name -> ProductRules.checkName(errors, name));
        changes.description().ifPresent(text -> ProductRules.checkDescription(errors, text));
        changes.price().ifPresent(price -> ProductRules.checkPrice(errors, price));
        changes.lowStockThreshold().ifPresent(threshold -> ProductRules.checkLowStockThreshold(errors, threshold));
        errors.throwIfAny();
    }

    /** The rules a stock change must keep. */
    public static void checkStockChange(long delta, String reason) {
        InputErrors errors = new InputErrors();
        errors.require(delta != 0 && Math.abs(delta) <= ProductRules.MAX_STOCK, "delta", FieldFault.STOCK_DELTA, ProductRules.MAX_STOCK);
        errors.requireText(reason, "reason", 200);
        errors.throwIfAny();
    }
}
