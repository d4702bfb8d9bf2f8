package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.ValidationFailed;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.Optional;

/** The optional {@code status} filter of order lists. */
final class StatusParam {
    private StatusParam() {
    }

    static Optional<OrderStatus> read(Context ctx) {
        String text = ctx.queryParam("status");
        if (text == null) return Optional.empty();
        return Arrays.stream(OrderStatus.values()).filter(s -> s.name().equals(text)).findFirst()
                .or(() -> {
                    throw ValidationFailed.of("status", "must be one of " + Arrays.toString(OrderStatus.values()));
                });
    }
}
