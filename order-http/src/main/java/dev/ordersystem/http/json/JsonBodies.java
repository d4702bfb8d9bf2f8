package dev.ordersystem.http.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersystem.core.domain.ValidationFailed;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body into a request record, refusing — before anything is written — a wrong
 * content type, a body over 64 KiB, malformed JSON, a non-object, explicit nulls, wrong types and
 * missing fields, each as 40005 naming the field.
 */
public final class JsonBodies {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonCodec codec;

    public JsonBodies(JsonCodec codec) {
        this.codec = codec;
    }

    public <T extends JsonRequest> T read(Context ctx, Class<T> type) {
        requireJsonContentType(ctx.contentType());
        JsonNode node = parse(readLimited(ctx));
        if (node.isMissingNode()) throw ValidationFailed.of("body", "is required");
        if (!node.isObject()) throw ValidationFailed.of("body", "must be a JSON object");
        rejectNulls(node, "");
        T request;
        try {
            request = codec.bind(node, type);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
        Presence presence = new Presence();
        request.requirePresent(presence);
        presence.throwIfAny();
        return request;
    }

    private static void requireJsonContentType(String header) {
        String media = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw ValidationFailed.of("Content-Type", "must be application/json");
        }
        if (header.toLowerCase(Locale.ROOT).contains("charset=")
                && !header.toLowerCase(Locale.ROOT).replace(" ", "").contains("charset=utf-8")) {
            throw ValidationFailed.of("Content-Type", "charset must be UTF-8");
        }
    }

    private static byte[] readLimited(Context ctx) {
        String declared = ctx.header("Content-Length");
        if (declared != null && ctx.contentLength() > MAX_BODY_BYTES) throw tooLarge();
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) throw tooLarge();
            return body;
        } catch (IOException e) {
            throw ValidationFailed.of("body", "could not be read");
        }
    }

    private static ValidationFailed tooLarge() {
        return ValidationFailed.of("body", "must be at most " + MAX_BODY_BYTES + " bytes");
    }

    private JsonNode parse(byte[] body) {
        try {
            return codec.parse(body);
        } catch (IOException e) {
            throw JsonProblems.of(e);
        }
    }

    /** Explicit nulls are refused everywhere: a client omits a field it does not send. */
    private static void rejectNulls(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isNull()) throw ValidationFailed.of(child, "must not be null");
                rejectNulls(field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = path + "[" + i + "]";
                if (node.get(i).isNull()) throw ValidationFailed.of(child, "must not be null");
                rejectNulls(node.get(i), child);
            }
        }
    }
}
