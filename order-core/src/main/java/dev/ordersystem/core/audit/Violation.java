package dev.ordersystem.core.audit;

/** One broken invariant: which rule, about what, and the figures that break it. */
public record Violation(String invariant, String subject, String detail) {
}
