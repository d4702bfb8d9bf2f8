package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.usecase.catalogue.ManageCatalogue;
import dev.ordersystem.http.body.NewProductRequest;
import dev.ordersystem.http.body.ProductPatchRequest;
import dev.ordersystem.http.body.AdminProductView;
import dev.ordersystem.http.body.StockAdjustRequest;
import dev.ordersystem.http.body.StockMovementsView;
import dev.ordersystem.http.json.JsonBodies;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Admin catalogue work: list the products with their stock as the database holds it, add a product, change it,
 * adjust its stock and read its stock movements. Admin auth is checked before.
 */
public final class AdminProductRoutes {
    private final OrderSystem system;
    private final JsonBodies bodies;
    private final JsonReplies replies;
    private final PageCursors cursors = new PageCursors("product", PathParams::isPositiveId);

    public AdminProductRoutes(OrderSystem system, JsonBodies bodies, JsonReplies replies) {
        this.system = system;
        this.bodies = bodies;
        this.replies = replies;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/products", ctx -> replies.ok(ctx,
                cursors.json(system.stockOverview().page(cursors.request(ctx)), AdminProductView::of)));
        routes.get("/api/v1/admin/products/{id}", ctx -> replies.ok(ctx,
                AdminProductView.of(system.stockOverview().product(PathParams.productId(ctx)))));
        routes.get("/api/v1/admin/products/{id}/stock/movements", ctx -> {
            ProductId id = PathParams.productId(ctx);
            replies.ok(ctx, StockMovementsView.of(id.value(), system.stockOverview().movements(id)));
        });
        routes.post("/api/v1/admin/products", this::create);
        routes.patch("/api/v1/admin/products/{id}", this::update);
        routes.post("/api/v1/admin/products/{id}/stock", this::adjustStock);
    }

    private void create(Context ctx) {
        NewProductRequest body = bodies.read(ctx, NewProductRequest.class, bound -> ManageCatalogue.check(bound.toNewProduct()));
        Product product = system.manageCatalogue().create(body.toNewProduct());
        replies.created(ctx, "/api/v1/products/" + product.id().value(), current(product.id()));
    }

    private void update(Context ctx) {
        ProductId id = PathParams.productId(ctx);
        ProductPatchRequest body = bodies.read(ctx, ProductPatchRequest.class, bound -> ManageCatalogue.check(bound.toChanges()));
        system.manageCatalogue().update(id, body.toChanges());
        replies.ok(ctx, current(id));
    }

    private void adjustStock(Context ctx) {
        ProductId id = PathParams.productId(ctx);
        StockAdjustRequest body = bodies.read(ctx, StockAdjustRequest.class,
                bound -> ManageCatalogue.checkStockChange(bound.change(), bound.reason()));
        system.manageCatalogue().adjustStock(id, body.change(), body.reason());
        replies.ok(ctx, current(id));
    }

    /** Read back after the change committed and the cache entry was dropped. */
    private AdminProductView current(ProductId id) {
        return AdminProductView.of(system.viewProduct().view(id));
    }
}
