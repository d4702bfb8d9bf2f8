package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.ProductCatalogue;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.PRODUCT;

/** The catalogue in table {@code product}. */
final class SqlProductCatalogue implements ProductCatalogue {
    private final SqlSession session;
    /** Placing an order reads its products: rendered once per count of ids. */
    private final RenderedSqlPerCount findByIds;

    SqlProductCatalogue(SqlSession session) {
        this.session = session;
        this.findByIds = new RenderedSqlPerCount(count -> {
            IdList ids = IdList.of(PRODUCT.ID, count);
            return session.render(DSL.select(PRODUCT.ID, PRODUCT.NAME, PRODUCT.DESCRIPTION, PRODUCT.PRICE, PRODUCT.ON_SALE,
                            PRODUCT.LOW_STOCK_THRESHOLD)
                    .from(PRODUCT).where(PRODUCT.ID.in(ids.params())).orderBy(PRODUCT.ID), ids.names());
        });
    }

    @Override
    public Product add(String name, String description, Money price, boolean onSale, long lowStockThreshold) {
        checkText(name, description);
        long minor = session.minor(price);
        return session.write(db -> {
            db.insertInto(PRODUCT)
                    .set(PRODUCT.NAME, name)
                    .set(PRODUCT.DESCRIPTION, description)
                    .set(PRODUCT.PRICE, minor)
                    .set(PRODUCT.ON_SALE, onSale)
                    .set(PRODUCT.LOW_STOCK_THRESHOLD, threshold(lowStockThreshold))
                    .set(PRODUCT.CREATED_AT, SqlTimes.toDb(session.clock().instant()))
                    .execute();
            return new Product(new ProductId(GeneratedIds.last(db)), name, description, price, onSale, lowStockThreshold);
        });
    }

    @Override
    public Optional<Product> find(ProductId id) {
        return session.read(db -> db.selectFrom(PRODUCT).where(PRODUCT.ID.eq(id.value())).fetchOptional(this::product));
    }

    @Override
    public Map<ProductId, Product> findAll(Collection<ProductId> ids) {
        if (ids.isEmpty()) return Map.of();
        Object[] values = ids.stream().map(ProductId::value).distinct().toArray();
        Map<ProductId, Product> found = new LinkedHashMap<>();
        session.read(db -> findByIds.forCount(values.length).fetch(db, row -> new Product(new ProductId(row.getLong(1)),
                        row.getString(2), row.getString(3), session.money(row.getLong(4)), row.getBoolean(5), row.getLong(6)), values))
                .forEach(product -> found.put(product.id(), product));
        return found;
    }

    @Override
    public void update(Product product) {
        checkText(product.name(), product.description());
        long minor = session.minor(product.price());
        int changed = session.write(db -> db.update(PRODUCT)
                .set(PRODUCT.NAME, product.name())
                .set(PRODUCT.DESCRIPTION, product.description())
                .set(PRODUCT.PRICE, minor)
                .set(PRODUCT.ON_SALE, product.onSale())
                .set(PRODUCT.LOW_STOCK_THRESHOLD, threshold(product.lowStockThreshold()))
                .where(PRODUCT.ID.eq(product.id().value()))
                .execute());
        if (changed == 0) throw new NotFound("product " + product.id());
    }

    @Override
    public Page<Product> page(PageRequest page) {
        long after = KeysetPages.longKey(page.after());
        List<Product> rows = session.read(db -> db.selectFrom(PRODUCT)
                .where(PRODUCT.ID.gt(after))
                .orderBy(PRODUCT.ID)
                .limit(page.limit() + 1)
                .fetch(this::product));
        return KeysetPages.page(rows, page.limit(), p -> Long.toString(p.id().value()));
    }

    private static void checkText(String name, String description) {
        FieldLimits.check()
                .fits(PRODUCT.NAME, name, "name")
                .fits(PRODUCT.DESCRIPTION, description, "description")
                .orThrow();
    }

    private Product product(Record row) {
        Long threshold = row.get(PRODUCT.LOW_STOCK_THRESHOLD);
        return new Product(new ProductId(row.get(PRODUCT.ID)), row.get(PRODUCT.NAME), row.get(PRODUCT.DESCRIPTION),
                session.money(row.get(PRODUCT.PRICE)), row.get(PRODUCT.ON_SALE), threshold == null ? 0 : threshold);
    }

    /** The column keeps NULL for "no threshold" (0 in the domain). */
    private static Long threshold(long value) {
        return value == 0 ? null : value;
    }
}
