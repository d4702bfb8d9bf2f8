package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.domain.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * A buyer's request to pay their pending order through a provider (DESIGN §13).
 *
 * @param channel  the channel named, or {@code null} when missing or unknown (refused, naming the channels)
 * @param scene    the scene named, or {@code null} when missing or unknown (refused, naming the scenes)
 * @param openId   the payer's openid, required by {@link PaymentScene#JSAPI}
 * @param clientIp the buyer's IP address, required by {@link PaymentScene#H5}
 */
public record StartPaymentCommand(UserId userId, OrderNo orderNo, PaymentChannel channel, PaymentScene scene,
                                  Optional<String> openId, Optional<String> clientIp) {
    public StartPaymentCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(openId, "openId");
        Objects.requireNonNull(clientIp, "clientIp");
    }
}
