package dev.ordersystem.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The checks one pass ran and the problems they found, in the order found; safe to share between threads. */
final class Findings {
    private final List<String> problems = new ArrayList<>();
    private int checks;

    /** Counts a check; records {@code problem} when it failed. */
    synchronized void check(boolean passed, Supplier<String> problem) {
        checks++;
        if (!passed) problems.add(problem.get());
    }

    synchronized void problem(String problem) {
        checks++;
        problems.add(problem);
    }

    synchronized int checks() {
        return checks;
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
