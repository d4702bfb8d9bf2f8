package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.StockMovement;

import java.util.List;

/**
 * Available stock per product. Joins the caller's transaction. Every change outside orders is
 * recorded as a movement, so that recorded movements = available + stock held by orders.
 */
public interface StockLedger {

    /** Opens the stock of a new product with its initial quantity (recorded as a movement). */
    void open(ProductId productId, long initial);

    /**
     * Takes stock for an order, all lines or none, locking the rows in ascending product id
     * (a conditional {@code UPDATE … SET available = available - ? WHERE available >= ?}).
     *
     * @throws dev.ordersystem.core.domain.InsufficientStock naming the first product that is short
     * @throws dev.ordersystem.core.domain.ProductUnavailable when a product has no stock row
     */
    void reserve(List<StockLine> lines);

    /** Gives back stock an order took (cancel, refund), locking rows in ascending product id. */
    void release(List<StockLine> lines);

    /**
     * An admin adjustment, recorded as a movement; never takes the stock below zero.
     *
     * @throws dev.ordersystem.core.domain.InsufficientStock when {@code available + delta < 0}
     */
    void adjust(ProductId productId, long delta, String reason);

    /** @throws dev.ordersystem.core.domain.NotFound when the product has no stock row */
    long available(ProductId productId);

    /** The product's recorded movements (its initial stock and the adjustments), newest first, at most {@code limit}. */
    List<StockMovement> movements(ProductId productId, int limit);
}
