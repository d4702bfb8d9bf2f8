package dev.ordersystem.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;

/**
 * The one Jackson configuration of the API. Reading is strict: no coercion between scalar
 * types ({@code "5"} is not 5, {@code 1.5} and {@code 1.0} are not integers, {@code true} is
 * not 1), no numbers for enums, no duplicate keys, no trailing content, no NaN, and integers
 * must fit their field. Unknown properties are IGNORED on purpose: DESIGN §3 says client-sent
 * prices are ignored, and frontends may send more than a route reads; every property a route
 * does read is still type-checked.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;

    public JsonCodec() {
        // A 64 KiB body never needs deeper nesting or longer numbers than these.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Requests run on virtual threads, for which Jackson's default (per-thread) pool
                // hands out fresh buffers every time: ~20 KB allocated per body read or written.
                .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Jackson turns 12345678 into "12345678" for a String even without scalar coercion.
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** A token stream over {@code body} with this class's read constraints and features. */
    public JsonParser tokens(byte[] body) throws IOException {
        return mapper.createParser(body);
    }

    /** Reads {@code body} straight into a request record with every strict check of this class. */
    public <T> T read(byte[] body, Class<T> type) throws IOException {
        return mapper.readValue(body, type);
    }

    /** {@code body} as a tree, read with the same constraints (the slow path of a refused body). */
    public JsonNode tree(byte[] body) throws IOException {
        return mapper.readTree(body);
    }

    /** Binds a tree with every strict check of {@link #read}. */
    public <T> T bind(JsonNode tree, Class<T> type) throws IOException {
        return mapper.readerFor(type).readValue(tree);
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + value.getClass().getName(), e);
        }
    }
}
