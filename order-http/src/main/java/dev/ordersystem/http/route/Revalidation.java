package dev.ordersystem.http.route;

import io.javalin.http.Context;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code ETag} and {@code Cache-Control} on the public catalogue reads, and the 304 for a client
 * (browser, CDN) that already holds the same body ({@code If-None-Match}). A product read may
 * lag its stock by at most 1 s (docs/STOCK-GATE.md, "What product reads show"), so a cache may
 * keep the answer for at most that long: {@value #CACHE_CONTROL}. After that it revalidates, and
 * an unchanged product costs a 304 with no body.
 */
final class Revalidation {
    static final String CACHE_CONTROL = "public, max-age=1";

    private Revalidation() {
    }

    /** A rendered JSON body with its strong entity tag (quoted, as it goes on the wire). */
    record Tagged(byte[] json, String etag) {
    }

    /** Tags {@code json} by its content: 128 bits of its SHA-256. */
    static Tagged tag(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return new Tagged(json, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Answers 200 with the body, or 304 without one when the client's {@code If-None-Match} names its tag. */
    static void answer(Context ctx, Tagged body) {
        ctx.header("ETag", body.etag());
        ctx.header("Cache-Control", CACHE_CONTROL);
        if (matches(ctx.header("If-None-Match"), body.etag())) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType("application/json").result(body.json());
    }

    /** RFC 9110 §13.1.2: {@code *}, or a list of tags compared weakly (a {@code W/} prefix is ignored). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) return true;
            if (tag.startsWith("W/")) tag = tag.substring(2);
            if (tag.equals(etag)) return true;
        }
        return false;
    }
}
