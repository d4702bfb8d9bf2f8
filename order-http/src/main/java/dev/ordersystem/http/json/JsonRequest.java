package dev.ordersystem.http.json;

/**
 * A request body record. Jackson leaves a missing property {@code null}; the record names each
 * required one through {@link Presence}, so the client learns every missing field at once.
 */
public interface JsonRequest {

    void requirePresent(Presence presence);
}
