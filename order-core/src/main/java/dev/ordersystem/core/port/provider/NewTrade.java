package dev.ordersystem.core.port.provider;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentScene;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A trade to open at the provider.
 *
 * @param scene      where the buyer pays; its channel picks the provider
 * @param outTradeNo the merchant's trade number (WeChat and Alipay {@code out_trade_no})
 * @param amount     what the buyer pays, in minor units (WeChat {@code amount.total}; Alipay
 *                   {@code total_amount} is written in yuan by the adapter)
 * @param subject    what is bought, shown to the buyer (WeChat {@code description}, Alipay {@code subject});
 *                   1..127 characters
 * @param expiresAt  the provider-side deadline, the order's {@code expiresAt} (WeChat and Alipay {@code time_expire})
 * @param openId     the payer's openid under the app: present exactly for {@link PaymentScene#JSAPI}
 * @param clientIp   the buyer's IP address ({@code scene_info.payer_client_ip}): present exactly for
 *                   {@link PaymentScene#H5}
 */
public record NewTrade(PaymentScene scene, OutTradeNo outTradeNo, Money amount, String subject, Instant expiresAt,
                       Optional<String> openId, Optional<String> clientIp) {
    public NewTrade {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(openId, "openId");
        Objects.requireNonNull(clientIp, "clientIp");
        if (!amount.isPositive()) throw new IllegalArgumentException("a trade's amount must be positive: " + amount);
        if (subject == null || subject.isBlank() || subject.length() > 127) {
            throw new IllegalArgumentException("subject must be 1..127 characters");
        }
        if (openId.isPresent() != (scene == PaymentScene.JSAPI)) {
            throw new IllegalArgumentException("openId goes with JSAPI and only with it");
        }
        if (clientIp.isPresent() != (scene == PaymentScene.H5)) {
            throw new IllegalArgumentException("clientIp goes with H5 and only with it");
        }
    }

    public PaymentChannel channel() {
        return scene.channel();
    }

    /** The reference under which this trade is queried and closed. */
    public TradeRef ref() {
        return new TradeRef(scene.channel(), outTradeNo);
    }
}
