package dev.ordersystem.http.route;

import dev.ordersystem.http.json.JsonCodec;
import io.javalin.http.Context;

/** Writes success answers as {@code application/json}. */
public final class JsonReplies {
    /** Set on an answer given again for an {@code Idempotency-Key} already used. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final JsonCodec codec;

    public JsonReplies(JsonCodec codec) {
        this.codec = codec;
    }

    public void ok(Context ctx, Object body) {
        send(ctx, 200, body);
    }

    /** A 201 naming the created resource's URL (a path on this API) in {@code Location}. */
    public void created(Context ctx, String location, Object body) {
        ctx.header("Location", location);
        send(ctx, 201, body);
    }

    /** Marks an answer as the replay of an earlier request with the same {@code Idempotency-Key}. */
    public static void markReplayed(Context ctx) {
        ctx.header(REPLAYED, "true");
    }

    public void noContent(Context ctx) {
        ctx.status(204);
    }

    /** {@code body} as JSON bytes, for an answer that needs them first (to tag them). */
    public byte[] render(Object body) {
        return codec.write(body);
    }

    public void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(codec.write(body));
    }
}
