package dev.ordersystem.http.problem;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;

/**
 * What is left of a refused request's body is read and thrown away before the refusal goes out.
 * A server that answers and closes while body bytes are still arriving makes the kernel reset
 * the connection, and the client loses the answer it was sent ("header parser received no
 * bytes"); reading the rest keeps the connection, and the answer, intact. Past
 * {@link #DISCARD_LIMIT} the connection is closed instead: an absurd body is not worth reading.
 */
final class UnreadBody {
    static final int DISCARD_LIMIT = 1024 * 1024;

    private UnreadBody() {
    }

    static void discard(Context ctx) {
        if (ctx.req().getContentLengthLong() > DISCARD_LIMIT) {
            ctx.header("Connection", "close");
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            // Nearly every refusal (a sold-out cart, a bad field) has read its whole body: one byte tells, no buffer needed.
            if (in.read() < 0) return;
            byte[] sink = new byte[8192];
            long left = DISCARD_LIMIT - 1;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) left -= n;
            if (left == 0 && in.read() >= 0) ctx.header("Connection", "close");
        } catch (IOException | IllegalStateException e) {
            // The stream is closed or broken: nothing more can be read, the answer goes out as it is.
        }
    }
}
