package dev.ordersystem.app;

import java.util.List;

/** The configuration was refused at start; the message lists every problem, one per line. */
public final class ConfigInvalid extends RuntimeException {
    private final List<String> problems;

    public ConfigInvalid(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
