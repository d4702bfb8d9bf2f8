package dev.ordersystem.http;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.http.TestServer.Reply;
import dev.ordersystem.http.WechatPayProvider.Delivery;
import dev.ordersystem.http.payment.PaymentChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One notification delivered 100 times at once, then again once the per-order lock has long expired. */
class PaymentConcurrencyTest {
    private final SteppedClock clock = new SteppedClock();
    private final WechatPayProvider wechat = new WechatPayProvider(clock);
    private final AlipayProvider alipay = new AlipayProvider();
    private final TestServer server = TestServer.builder().clock(clock)
            .payments(PaymentChannels.of(Optional.of(wechat.keys()), Optional.of(alipay.keys()))).start();
    private final ShopSteps shop = new ShopSteps(server);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void hundredConcurrentDeliveriesOfOneNotificationPayTheOrderOnce() throws Exception {
        long tea = shop.product("Green tea", 1_000, 50);
        String orderNo = shop.placed(shop.buyer(), tea, 2, "WECHAT").get("orderNo").asText();
        Delivery delivery = wechat.payment(orderNo, "4200000001202605019999999999", 2_000);
        String form = alipay.payment(orderNo, "2026050122001499999999999999", "20.00");

        List<Integer> statuses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(100)) {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                boolean viaAlipay = i % 10 == 9; // a few deliveries of another channel's payment for the same order
                replies.add(pool.submit(() -> {
                    start.await();
                    return viaAlipay ? PaymentNotifyTest.deliver(server, form) : PaymentNotifyTest.deliver(server, delivery);
                }));
            }
            start.countDown();
            for (Future<Reply> reply : replies) statuses.add(reply.get().status());
        }
        // 204/200 received, or 503 "busy, resend" while another delivery held the order's lock
        assertThat(statuses).allMatch(s -> s == 204 || s == 200 || s == 503);

        clock.advance(Duration.ofSeconds(6)); // past the 5 s notification lock, still within the 5 min window
        assertThat(PaymentNotifyTest.deliver(server, delivery).status()).isEqualTo(204);
        assertThat(PaymentNotifyTest.deliver(server, form).text()).isEqualTo("success");

        var records = server.store.payments().findByOrder(new OrderNo(orderNo));
        assertThat(records).hasSize(2); // the WeChat payment, and Alipay's second payment waiting for a refund
        assertThat(records).filteredOn(r -> r.status() == PaymentStatus.SUCCEEDED).hasSize(1);
        assertThat(records).filteredOn(r -> r.status() == PaymentStatus.REFUND_REQUIRED).hasSize(1);
        assertThat(server.system.viewOrders().any(new OrderNo(orderNo)).status()).isEqualTo(OrderStatus.PAID);
        shop.auditClean();
    }
}
