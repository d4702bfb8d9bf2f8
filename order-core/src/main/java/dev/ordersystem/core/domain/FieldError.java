package dev.ordersystem.core.domain;

/** One invalid input field, named as the client sent it (e.g. {@code items[2].quantity}). */
public record FieldError(String field, String message) {
}
