package dev.ordersystem.http.body;

import java.time.Instant;

/** Times in JSON: ISO-8601 in UTC ({@code 2026-05-01T08:30:00Z}), or null when the event has not happened. */
final class JsonTimes {
    private JsonTimes() {
    }

    static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
