package dev.ordersystem.http.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.ValidationFailed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The slow path of a body that did not bind: finds every field at fault, not just the first.
 * Jackson stops at the first wrong type, so the body is bound again from a tree with each field at
 * fault (and each explicit null) taken out, until it binds; then the required fields it lacks are
 * added, except those already named. Only refused bodies come here: a good one binds straight from
 * its bytes.
 */
final class BindingFaults {
    /** More faults than a body of real fields has; a bound on the re-binding. */
    private static final int MAX_FAULTS = 50;

    private final JsonCodec codec;

    BindingFaults(JsonCodec codec) {
        this.codec = codec;
    }

    /**
     * @param found the faults found so far (explicit nulls, the first binding failure), in order
     * @return every fault of the body, each field named once
     */
    <T extends JsonRequest> ValidationFailed all(byte[] body, Class<T> type, List<FieldError> found,
                                                 Consumer<? super T> rules) {
        List<FieldError> faults = new ArrayList<>(found);
        JsonNode tree;
        try {
            tree = codec.tree(body);
        } catch (IOException e) {
            return new ValidationFailed(faults);
        }
        stripNulls(tree);
        for (int attempt = 0; attempt < MAX_FAULTS; attempt++) {
            T request;
            try {
                request = codec.bind(tree, type);
            } catch (JsonMappingException e) {
                if (e.getPath().isEmpty()) break;
                FieldError fault = JsonProblems.of(e).errors().getFirst();
                boolean known = named(faults, fault.field());
                if (!known) faults.add(fault);
                if (!remove(tree, e.getPath())) break;
                continue;
            } catch (IOException | RuntimeException e) {
                break;
            }
            Presence presence = new Presence();
            try {
                request.requirePresent(presence);
            } catch (RuntimeException e) {
                break; // a shape the record's checks do not expect; the faults found stand
            }
            for (FieldError missing : presence.missing()) {
                if (!named(faults, missing.field())) faults.add(missing);
            }
            addRuleFaults(faults, request, rules);
            break;
        }
        return new ValidationFailed(faults);
    }

    /**
     * Adds what {@code rules} refuse in the record as it bound (see JsonBodies#read), on the
     * fields not named yet.
     */
    static <T> void addRuleFaults(List<FieldError> faults, T bound, Consumer<? super T> rules) {
        try {
            rules.accept(bound);
        } catch (ValidationFailed refused) {
            for (FieldError fault : refused.errors()) {
                if (!named(faults, fault.field())) faults.add(fault);
            }
        } catch (RuntimeException e) {
            // a shape the rules do not expect; the faults found stand
        }
    }

    /** Whether {@code field} or a field around it ({@code items[0]} for {@code items[0].quantity}) is named already. */
    private static boolean named(List<FieldError> faults, String field) {
        for (FieldError fault : faults) {
            String f = fault.field();
            if (field.equals(f) || field.startsWith(f + ".") || field.startsWith(f + "[") || f.equals("body")) return true;
        }
        return false;
    }

    /** Explicit nulls (each named already) leave the tree: a field goes, an array element becomes {@code {}}. */
    private static void stripNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) it.remove();
                else stripNulls(field.getValue());
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNull()) array.set(i, array.objectNode());
                else stripNulls(array.get(i));
            }
        }
    }

    /** Takes the value at {@code path} out; false when the path does not lead into the tree. */
    private static boolean remove(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode parent = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = step(parent, path.get(i));
            if (parent == null) return false;
        }
        JsonMappingException.Reference last = path.getLast();
        if (parent instanceof ObjectNode object && last.getFieldName() != null && object.has(last.getFieldName())) {
            object.remove(last.getFieldName());
            return true;
        }
        if (parent instanceof ArrayNode array && last.getIndex() >= 0 && last.getIndex() < array.size()) {
            if (array.get(last.getIndex()).isObject() && array.get(last.getIndex()).isEmpty()) return false;
            array.set(last.getIndex(), array.objectNode());
            return true;
        }
        return false;
    }

    private static JsonNode step(JsonNode node, JsonMappingException.Reference ref) {
        if (ref.getFieldName() != null) return node.isObject() ? node.get(ref.getFieldName()) : null;
        return node.isArray() && ref.getIndex() >= 0 ? node.get(ref.getIndex()) : null;
    }
}
