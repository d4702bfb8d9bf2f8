package dev.ordersystem.mysql;

/** Whether the database answers, for the readiness probe; {@code detail} says why not. */
public record Readiness(State state, String detail) {

    public enum State { READY, UNAVAILABLE }

    static Readiness ready() {
        return new Readiness(State.READY, "database reachable");
    }

    static Readiness unavailable(String detail) {
        return new Readiness(State.UNAVAILABLE, detail);
    }
}
