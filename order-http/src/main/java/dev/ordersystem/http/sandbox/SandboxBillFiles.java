package dev.ordersystem.http.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bill files the sandbox built and handed out a download address for, by the address's token. */
final class SandboxBillFiles {
    private static final int KEPT = 64;

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    void keep(String token, byte[] file) {
        if (files.size() >= KEPT) files.clear(); // a simulator: old addresses simply expire
        files.put(token, file);
    }

    Optional<byte[]> file(String token) {
        return Optional.ofNullable(token).map(files::get);
    }
}
