package dev.ordersystem.http.problem;

/** One entry of a problem's {@code errors}: the field as the client sent it and a sentence about it. */
public record InvalidField(String field, String message) {
}
