package dev.ordersystem.http.body;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times in JSON: ISO-8601 in UTC ({@code 2026-05-01T08:30:00.123456Z}), or null when the event has
 * not happened. To the microsecond, as the database keeps them: an answer given from the order
 * just written (a placement's 201) then reads exactly as one given later from the database (a
 * replay, a GET), on any instance.
 */
final class JsonTimes {
    private JsonTimes() {
    }

    static String iso(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
