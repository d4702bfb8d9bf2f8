package dev.ordersystem.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** An answer in full: status, body as text, headers (names as the server wrote them). */
public record WireReply(int status, String text, Map<String, List<String>> headers) {
    /** The first value of a header, case-insensitively; empty string when absent. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst()).findFirst().orElse("");
    }

    /** The body as JSON; an empty object when it is not JSON. */
    public JsonNode json() {
        return Json.readOrEmpty(text);
    }

    /** The DESIGN §10 code of a problem answer (0 when it has none). */
    public int code() {
        return json().path("code").asInt();
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return status + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
}
