package dev.ordersystem.faults;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the payment loop's clients were told: each trade a start answered with (201), each
 * payment the sandbox's cashier took, with whether the shop acknowledged its notification.
 */
final class PaymentLedger {
    /** A payment start answered 201: the trade the order is now payable through. */
    record Started(String orderNo, String channel, String scene, String outTradeNo, Instant at) {
    }

    /**
     * The buyer paid at the cashier (the provider took the money); {@code notified}: the shop's notify
     * route answered 2xx to the provider's one notification.
     */
    record CashierPaid(String orderNo, String channel, String outTradeNo, String tradeNo, boolean notified, Instant at) {
    }

    private final ConcurrentLinkedQueue<Started> started = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CashierPaid> paid = new ConcurrentLinkedQueue<>();

    void started(Started trade) {
        started.add(trade);
    }

    void paid(CashierPaid payment) {
        paid.add(payment);
    }

    List<Started> started() {
        return List.copyOf(started);
    }

    List<CashierPaid> paid() {
        return List.copyOf(paid);
    }
}
