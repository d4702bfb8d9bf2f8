package dev.ordersystem.http.body;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One order as an admin reads it: every field of the order and {@code refundedAmount}, Σ of its refunds that did not fail. */
public record AdminOrderView(@JsonUnwrapped OrderView order, long refundedAmount) {
}
