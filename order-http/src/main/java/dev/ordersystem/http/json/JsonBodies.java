package dev.ordersystem.http.json;

import dev.ordersystem.core.domain.FieldFault;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.ValidationFailed;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads a request body into a request record, refusing — before anything is written — a wrong
 * content type, a body over 64 KiB, malformed JSON, a non-object, explicit nulls, wrong types and
 * missing fields, each as 40005 naming the field. A body refused here is also given, as far as it
 * bound, to the rules its use case checks (see {@link #read(Context, Class, Consumer)}), so the
 * answer names every invalid field at once.
 */
public final class JsonBodies {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonCodec codec;
    private final BindingFaults faults;

    public JsonBodies(JsonCodec codec) {
        this.codec = codec;
        this.faults = new BindingFaults(codec);
    }

    /** Reads a body whose values no rule of the core checks further. */
    public <T extends JsonRequest> T read(Context ctx, Class<T> type) {
        return read(ctx, type, bound -> { });
    }

    /**
     * Reads a body whose values {@code rules} check next: the use case's input rules (throwing
     * {@link ValidationFailed}), which the caller runs again itself on a body that binds. When the
     * body has faults of its own (nulls, wrong types, missing fields), the rules run here on the
     * record as far as it bound, each field at fault left out, and the faults they find on the
     * other fields join the answer: one 40005 names every invalid field, not the JSON faults
     * first and the rules' after a second request. A field already named keeps its first fault
     * (the rules see a field left out as absent, and refuse it again).
     */
    public <T extends JsonRequest> T read(Context ctx, Class<T> type, Consumer<? super T> rules) {
        requireJsonContentType(ctx.contentType());
        byte[] body = readLimited(ctx);
        List<FieldError> nulls = explicitNulls(body);
        if (!nulls.isEmpty()) throw faults.all(body, type, nulls, rules);
        T request;
        try {
            request = codec.read(body, type);
        } catch (JsonMappingException e) {
            ValidationFailed first = JsonProblems.of(e);
            throw e.getPath().isEmpty() ? first : faults.all(body, type, first.errors(), rules);
        } catch (IOException e) {
            throw JsonProblems.of(e);
        }
        Presence presence = new Presence();
        request.requirePresent(presence);
        if (!presence.missing().isEmpty()) {
            List<FieldError> missing = new ArrayList<>(presence.missing());
            BindingFaults.addRuleFaults(missing, request, rules);
            throw new ValidationFailed(missing);
        }
        return request;
    }

    private static void requireJsonContentType(String header) {
        String media = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw ValidationFailed.of("Content-Type", FieldFault.JSON_CONTENT_TYPE);
        }
        if (header.toLowerCase(Locale.ROOT).contains("charset=")
                && !header.toLowerCase(Locale.ROOT).replace(" ", "").contains("charset=utf-8")) {
            throw ValidationFailed.of("Content-Type", FieldFault.UTF8_CHARSET);
        }
    }

    /**
     * HTTP/1.1 frames a body by its declared length, so that many bytes are read into an array of
     * that size (reading "up to the cap" costs a 16 KiB scratch array per request, which showed in
     * the garbage collector's share under load); without a length (chunked), up to the cap.
     * Not closed here: a refusal reads the rest of a body over the cap (see UnreadBody).
     */
    private static byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) throw tooLarge();
        try {
            byte[] body = ctx.req().getInputStream().readNBytes(declared >= 0 ? (int) declared : MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) throw tooLarge();
            return body;
        } catch (IOException e) {
            throw ValidationFailed.of("body", FieldFault.UNREADABLE);
        }
    }

    private static ValidationFailed tooLarge() {
        return ValidationFailed.of("body", FieldFault.BODY_TOO_LARGE, MAX_BODY_BYTES);
    }

    /**
     * One pass over the tokens before binding: the body must be one JSON object, and explicit
     * nulls are refused everywhere (a client omits a field it does not send): each is returned,
     * named by its path. Syntax errors surface here too. Binding then reads the bytes again:
     * cheaper than a tree.
     */
    private List<FieldError> explicitNulls(byte[] body) {
        List<FieldError> nulls = new ArrayList<>();
        try (JsonParser tokens = codec.tokens(body)) {
            JsonToken first = tokens.nextToken();
            if (first == null) throw ValidationFailed.of("body", FieldFault.REQUIRED);
            if (first != JsonToken.START_OBJECT) throw ValidationFailed.of("body", FieldFault.JSON_OBJECT);
            for (int depth = 1; depth > 0; ) {
                JsonToken token = tokens.nextToken();
                if (token == null) throw ValidationFailed.of("body", FieldFault.UNFINISHED_JSON);
                if (token.isStructStart()) depth++;
                else if (token.isStructEnd()) depth--;
                else if (token == JsonToken.VALUE_NULL) nulls.add(FieldError.of(path(tokens.getParsingContext()), FieldFault.NOT_NULL));
            }
            return nulls;
        } catch (IOException e) {
            throw JsonProblems.of(e);
        }
    }

    /** {@code items[0].quantity}: field names joined by dots, array positions in brackets. */
    private static String path(JsonStreamContext at) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!path.isEmpty() && !part.startsWith("[")) path.append('.');
            path.append(part);
        }
        return path.toString();
    }
}
