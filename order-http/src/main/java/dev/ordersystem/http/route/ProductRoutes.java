package dev.ordersystem.http.route;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.http.body.ProductView;
import dev.ordersystem.http.json.JsonCodec;
import dev.ordersystem.http.paging.PageCursors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The public catalogue: product detail (through the cache) and pages of products. */
public final class ProductRoutes {
    private final OrderSystem system;
    private final JsonReplies replies;
    private final RenderedProducts rendered;
    private final PageCursors cursors = new PageCursors("product", PathParams::isPositiveId);

    public ProductRoutes(OrderSystem system, JsonReplies replies, JsonCodec codec) {
        this.system = system;
        this.replies = replies;
        this.rendered = new RenderedProducts(codec);
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/products/{id}", this::product);
        routes.get("/api/v1/products", this::products);
    }

    private void product(Context ctx) {
        Revalidation.answer(ctx, rendered.json(system.viewProduct().view(PathParams.productId(ctx))));
    }

    private void products(Context ctx) {
        // A page is rendered per read anyway; hashing it costs about as much as writing it.
        Revalidation.answer(ctx, Revalidation.tag(replies.render(cursors.json(system.listProducts().page(cursors.request(ctx)),
                ProductView::of))));
    }
}
