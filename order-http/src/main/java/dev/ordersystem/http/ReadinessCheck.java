package dev.ordersystem.http;

import java.util.List;

/**
 * Tells whether the dependencies a request needs (the database, Redis) answer right now.
 * Called by {@code GET /health/ready}; an exception counts as "down".
 */
@FunctionalInterface
public interface ReadinessCheck {

    List<DependencyStatus> check();

    /** One dependency's state; {@code detail} is shown to operators (no secrets). */
    record DependencyStatus(String name, State state, String detail) {
        public static DependencyStatus up(String name) {
            return new DependencyStatus(name, State.UP, "ok");
        }

        public static DependencyStatus down(String name, String detail) {
            return new DependencyStatus(name, State.DOWN, detail);
        }
    }

    enum State { UP, DOWN }
}
