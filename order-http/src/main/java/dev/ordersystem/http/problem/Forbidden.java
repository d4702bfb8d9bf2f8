package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.OrderSystemException;

/** An authenticated caller asked for something outside their rights, e.g. a user token on an admin route (40300). */
public final class Forbidden extends OrderSystemException {
    public Forbidden(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
