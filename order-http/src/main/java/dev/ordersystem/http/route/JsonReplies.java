package dev.ordersystem.http.route;

import dev.ordersystem.http.json.JsonCodec;
import io.javalin.http.Context;

/** Writes success answers as {@code application/json}. */
public final class JsonReplies {
    private final JsonCodec codec;

    public JsonReplies(JsonCodec codec) {
        this.codec = codec;
    }

    public void ok(Context ctx, Object body) {
        send(ctx, 200, body);
    }

    /** A 200 with a body already written as JSON. */
    public void okRendered(Context ctx, byte[] json) {
        ctx.status(200).contentType("application/json").result(json);
    }

    public void created(Context ctx, Object body) {
        send(ctx, 201, body);
    }

    public void noContent(Context ctx) {
        ctx.status(204);
    }

    public void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(codec.write(body));
    }
}
