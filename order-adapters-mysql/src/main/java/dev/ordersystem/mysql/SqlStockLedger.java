package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.StockMovement;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.StockLedger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.ordersystem.mysql.schema.Tables.PRODUCT;
import static dev.ordersystem.mysql.schema.Tables.STOCK;
import static dev.ordersystem.mysql.schema.Tables.STOCK_MOVEMENT;

/**
 * Stock in table {@code stock}, one row per product, changed only by conditional updates that take
 * the row lock themselves ({@code … WHERE available >= ?}, checked by affected rows), always in
 * ascending product id so that two orders never wait on each other in a circle.
 * {@code CHECK (available >= 0)} is the last guard.
 */
final class SqlStockLedger implements StockLedger {
    private static final String INITIAL = "initial stock";

    private final SqlSession session;
    /** Placing an order runs it once per line: rendered once. */
    private final RenderedSql take;

    SqlStockLedger(SqlSession session) {
        this.session = session;
        this.take = session.render(DSL.update(STOCK)
                        .set(STOCK.AVAILABLE, STOCK.AVAILABLE.minus(DSL.param("quantity", STOCK.AVAILABLE)))
                        .where(STOCK.PRODUCT_ID.eq(DSL.param("productId", STOCK.PRODUCT_ID)))
                        .and(STOCK.AVAILABLE.ge(DSL.param("atLeast", STOCK.AVAILABLE))),
                "quantity", "productId", "atLeast");
    }

    @Override
    public void open(ProductId productId, long initial) {
        if (initial < 0) throw ValidationFailed.of("stock", FieldFault.NOT_NEGATIVE);
        session.run(db -> {
            db.insertInto(STOCK).set(STOCK.PRODUCT_ID, productId.value()).set(STOCK.AVAILABLE, initial).execute();
            recordMovement(db, productId, initial, INITIAL);
        });
    }

    @Override
    public void reserve(List<StockLine> lines) {
        Map<ProductId, Long> ascending = merged(lines);
        List<Map.Entry<ProductId, Long>> wanted = List.copyOf(ascending.entrySet());
        // UPDATE stock SET available = available - ? WHERE product_id = ? AND available >= ?, once per
        // product in ascending id, all in one round trip with the inserts the transaction holds.
        List<BoundSql> updates = wanted.stream()
                .map(line -> new BoundSql(take, new Object[] {line.getValue(), line.getKey().value(), line.getValue()})).toList();
        session.writeWithHeld(updates, (db, updated) -> {
            List<Map.Entry<ProductId, Long>> taken = new ArrayList<>();
            ProductId firstShort = null;
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 1) taken.add(wanted.get(i));
                else if (updated[i] == 0) firstShort = firstShort == null ? wanted.get(i).getKey() : firstShort;
                else throw new IllegalStateException("stock update of one product row answered " + updated[i] + " rows");
            }
            if (firstShort != null) {
                giveBack(db, taken); // all lines or none, even for a caller that catches the refusal
                throw shortOf(db, firstShort);
            }
            return null;
        });
    }

    @Override
    public void release(List<StockLine> lines) {
        Map<ProductId, Long> ascending = merged(lines);
        session.run(db -> {
            for (Map.Entry<ProductId, Long> line : ascending.entrySet()) {
                int updated = db.update(STOCK)
                        .set(STOCK.AVAILABLE, STOCK.AVAILABLE.plus(line.getValue()))
                        .where(STOCK.PRODUCT_ID.eq(line.getKey().value()))
                        .execute();
                if (updated == 0) throw new NotFound("stock of product " + line.getKey());
            }
        });
    }

    @Override
    public void adjust(ProductId productId, long delta, String reason) {
        FieldLimits.check().fits(STOCK_MOVEMENT.REASON, reason, "reason").orThrow();
        session.run(db -> {
            int updated;
            try {
                updated = db.update(STOCK)
                        .set(STOCK.AVAILABLE, STOCK.AVAILABLE.plus(delta))
                        .where(STOCK.PRODUCT_ID.eq(productId.value()))
                        .and(STOCK.AVAILABLE.plus(delta).ge(0L))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.violatesCheck(e)) throw shortOf(db, productId);
                throw e;
            }
            if (updated == 0) throw shortOf(db, productId);
            recordMovement(db, productId, delta, reason);
        });
    }

    @Override
    public long available(ProductId productId) {
        return session.read(db -> db.select(STOCK.AVAILABLE).from(STOCK).where(STOCK.PRODUCT_ID.eq(productId.value()))
                .fetchOptional(STOCK.AVAILABLE)
                .orElseThrow(() -> new NotFound("stock of product " + productId)));
    }

    @Override
    public List<StockMovement> movements(ProductId productId, int limit) {
        // SELECT … FROM stock_movement WHERE product_id = ? ORDER BY id DESC LIMIT ? (index ix_stock_movement_product)
        return session.read(db -> db.selectFrom(STOCK_MOVEMENT)
                .where(STOCK_MOVEMENT.PRODUCT_ID.eq(productId.value()))
                .orderBy(STOCK_MOVEMENT.ID.desc())
                .limit(limit)
                .fetch(row -> new StockMovement(productId, row.get(STOCK_MOVEMENT.DELTA), row.get(STOCK_MOVEMENT.REASON),
                        SqlTimes.fromDb(row.get(STOCK_MOVEMENT.CREATED_AT)))));
    }

    private void recordMovement(DSLContext db, ProductId productId, long delta, String reason) {
        db.insertInto(STOCK_MOVEMENT)
                .set(STOCK_MOVEMENT.PRODUCT_ID, productId.value())
                .set(STOCK_MOVEMENT.DELTA, delta)
                .set(STOCK_MOVEMENT.REASON, reason)
                .set(STOCK_MOVEMENT.CREATED_AT, SqlTimes.toDb(session.clock().instant()))
                .execute();
    }

    private static void giveBack(DSLContext db, List<Map.Entry<ProductId, Long>> taken) {
        for (Map.Entry<ProductId, Long> line : taken) {
            db.update(STOCK)
                    .set(STOCK.AVAILABLE, STOCK.AVAILABLE.plus(line.getValue()))
                    .where(STOCK.PRODUCT_ID.eq(line.getKey().value()))
                    .execute();
        }
    }

    /** Why a conditional update matched no row: no stock row at all, or too little stock. */
    private static RuntimeException shortOf(DSLContext db, ProductId productId) {
        // SELECT s.available, p.name FROM stock s LEFT JOIN product p ON p.id = s.product_id WHERE s.product_id = ?
        var row = db.select(STOCK.AVAILABLE, PRODUCT.NAME).from(STOCK).leftJoin(PRODUCT).on(PRODUCT.ID.eq(STOCK.PRODUCT_ID))
                .where(STOCK.PRODUCT_ID.eq(productId.value())).fetchOptional();
        if (row.isEmpty()) return new ProductUnavailable(productId);
        return new InsufficientStock(productId, row.get().value2(), row.get().value1());
    }

    private static Map<ProductId, Long> merged(List<StockLine> lines) {
        Map<ProductId, Long> ascending = new TreeMap<>();
        for (StockLine line : lines) ascending.merge(line.productId(), (long) line.quantity(), Long::sum);
        return ascending;
    }
}
