package dev.ordersystem.core.contract;

import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import dev.ordersystem.core.usecase.payment.VerifiedPayment;

import java.time.Instant;

/** Builds verified notifications the way the payment edge hands them to the core. */
public final class PaymentNotifications {
    private PaymentNotifications() {
    }

    public static VerifiedPayment wechat(OrderNo orderNo, String tradeNo, Money amount, Instant paidAt) {
        return new VerifiedPayment(PaymentChannel.WECHAT, orderNo, tradeNo, amount, paidAt,
                "{\"out_trade_no\":\"" + orderNo + "\",\"transaction_id\":\"" + tradeNo + "\"}");
    }

    /** Pays {@code order} in full through WeChat Pay with trade number {@code tradeNo}. */
    public static PaymentOutcome apply(OrderSystem system, Order order, String tradeNo) {
        return system.applyPayment().apply(wechat(order.orderNo(), tradeNo, order.payAmount(), Instant.now()));
    }
}
