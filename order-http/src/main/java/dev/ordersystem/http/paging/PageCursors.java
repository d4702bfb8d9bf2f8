package dev.ordersystem.http.paging;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cursor pagination for one kind of list. A cursor is base64url of "{kind}:{the store's page
 * key}", so clients treat it as opaque and a cursor of one list is refused by another; the key is
 * checked for its shape before it reaches the store. {@code limit} is 1..100, default 20.
 */
public final class PageCursors {
    public static final int DEFAULT_LIMIT = 20;
    private static final int MAX_CURSOR = 256;

    private final String kind;
    private final Predicate<String> wellFormedKey;

    public PageCursors(String kind, Predicate<String> wellFormedKey) {
        this.kind = kind;
        this.wellFormedKey = wellFormedKey;
    }

    /** Reads {@code limit} and {@code cursor} from the query. */
    public PageRequest request(Context ctx) {
        return new PageRequest(after(ctx.queryParam("cursor")), limit(ctx.queryParam("limit")));
    }

    public <T, J> PageJson<J> json(Page<T> page, Function<T, J> toJson) {
        List<J> items = page.items().stream().map(toJson).toList();
        return new PageJson<>(items, page.next().map(this::encode).orElse(null));
    }

    String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<String> after(String cursor) {
        if (cursor == null) return Optional.empty();
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR) throw badCursor();
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw badCursor();
        }
        if (!text.startsWith(kind + ":")) throw badCursor();
        String key = text.substring(kind.length() + 1);
        if (key.isEmpty() || !wellFormedKey.test(key)) throw badCursor();
        return Optional.of(key);
    }

    private static int limit(String text) {
        if (text == null) return DEFAULT_LIMIT;
        if (!text.matches("[0-9]{1,3}")) throw badLimit();
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) throw badLimit();
        return limit;
    }

    private static ValidationFailed badLimit() {
        return ValidationFailed.of("limit", FieldFault.INTEGER_BETWEEN, 1, PageRequest.MAX_LIMIT);
    }

    private static ValidationFailed badCursor() {
        return ValidationFailed.of("cursor", FieldFault.BAD_CURSOR);
    }
}
