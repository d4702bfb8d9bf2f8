package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.UserId;
import io.javalin.http.Context;

/**
 * Reads ids from the path. A malformed one (letters, zero, negative, too long) names nothing,
 * so it is answered 404 like an id that does not exist — never a 500.
 */
final class PathParams {
    private PathParams() {
    }

    static OrderNo orderNo(Context ctx) {
        String text = ctx.pathParam("orderNo");
        if (!OrderNo.isWellFormed(text)) throw new NotFound("order " + shorten(text));
        return new OrderNo(text);
    }

    static ProductId productId(Context ctx) {
        return new ProductId(positive(ctx, "id", "product"));
    }

    static UserId userId(Context ctx) {
        return new UserId(positive(ctx, "id", "user"));
    }

    static AddressId addressId(Context ctx) {
        return new AddressId(positive(ctx, "id", "address"));
    }

    /** Also used for page keys: up to 18 digits always fits a long. */
    static boolean isPositiveId(String text) {
        return text != null && text.matches("[0-9]{1,18}") && Long.parseLong(text) > 0;
    }

    private static long positive(Context ctx, String name, String what) {
        String text = ctx.pathParam(name);
        if (!isPositiveId(text)) throw new NotFound(what + " " + shorten(text));
        return Long.parseLong(text);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
