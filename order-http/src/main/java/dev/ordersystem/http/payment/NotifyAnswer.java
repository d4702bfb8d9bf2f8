package dev.ordersystem.http.payment;

/**
 * The HTTP answer to one notification delivery, in the provider's format, and what became of it
 * ({@code outcome}: a core outcome such as {@code PAID}, {@code IGNORED}, or {@code REJECTED_<reason>}).
 */
public record NotifyAnswer(int status, String contentType, String body, String outcome) {
}
