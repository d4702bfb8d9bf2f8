package dev.ordersystem.http.body;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.usecase.payment.StartPaymentCommand;
import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

import java.util.Optional;

/**
 * {@code POST /orders/{orderNo}/payments} (DESIGN §13). Channel and scene are read as text: one the
 * API does not know reaches the core's checks as none, so the answer names it with every other
 * fault of the request (JSAPI without {@code openId}, H5 without {@code clientIp}) at once.
 */
public record StartPaymentRequest(String channel, String scene, String openId, String clientIp) implements JsonRequest {

    @Override
    public void requirePresent(Presence presence) {
        presence.require(channel, "channel");
        presence.require(scene, "scene");
    }

    public StartPaymentCommand toCommand(UserId userId, OrderNo orderNo) {
        return new StartPaymentCommand(userId, orderNo, named(PaymentChannel.class, channel), named(PaymentScene.class, scene),
                Optional.ofNullable(openId), Optional.ofNullable(clientIp));
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) return value;
        }
        return null;
    }
}
