package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.ValidationFailed;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.stream.Collectors;
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
                    throw ValidationFailed.of("status", FieldFault.ONE_OF, Arrays.stream(OrderStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
                });
    }
}
