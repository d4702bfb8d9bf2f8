package dev.ordersystem.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private static Order pending() {
        Product tea = new Product(new ProductId(1), "Tea", "", Money.of(250, CNY), true);
        return Order.pending(new OrderNo("20261125080000000000001"), new UserId(7), PaymentMethod.WECHAT,
                List.of(OrderItem.of(tea, 4)), new ShippingAddress("A", "123456", "R", "D"), NOW, NOW.plusSeconds(1_800), null, null);
    }

    private static Shipment shipment(Instant at) {
        return new Shipment("SF", "SF1234567890", at);
    }

    @Test
    void followsTheLifeCycleOfDesignSection3() {
        Order paid = pending().pay(PaymentMethod.WECHAT, NOW.plusSeconds(5));
        Order shipped = paid.ship(shipment(NOW.plusSeconds(60)));
        Order completed = shipped.complete(NOW.plusSeconds(120));

        assertThat(pending().totalAmount()).isEqualTo(Money.of(1_000, CNY));
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.paidAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(completed.shipment()).isEqualTo(new Shipment("SF", "SF1234567890", NOW.plusSeconds(60)));
        assertThat(completed.shippedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(paid.refund(NOW).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(pending().cancel(CancelReason.BY_USER, NOW).cancelReason()).isEqualTo(CancelReason.BY_USER);
    }

    @Test
    void aTransitionKeepsEveryFieldItDoesNotMove() {
        Product tea = new Product(new ProductId(1), "Tea", "", Money.of(250, CNY), true);
        Order placed = Order.pending(new OrderNo("20261125080000000000002"), new UserId(7), PaymentMethod.WECHAT,
                List.of(OrderItem.of(tea, 4)), new ShippingAddress("A", "123456", "R", "D"), NOW, NOW.plusSeconds(1_800),
                "key-1", "digest-1");

        Order paid = placed.pay(PaymentMethod.ALIPAY, NOW.plusSeconds(5));
        Order refunded = paid.refund(NOW.plusSeconds(9));
        Order completed = paid.ship(shipment(NOW.plusSeconds(6))).complete(NOW.plusSeconds(7));

        for (Order moved : List.of(paid, refunded, completed, placed.cancel(CancelReason.BY_USER, NOW.plusSeconds(8)))) {
            assertThat(moved).usingRecursiveComparison()
                    .comparingOnlyFields("orderNo", "userId", "items", "totalAmount", "payAmount", "shippingAddress",
                            "createdAt", "expiresAt", "idempotencyKey", "requestFingerprint")
                    .isEqualTo(placed);
        }
        assertThat(paid.paymentMethod()).isEqualTo(PaymentMethod.ALIPAY);
        assertThat(refunded.paidAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(refunded.refundedAt()).isEqualTo(NOW.plusSeconds(9));
        assertThat(completed.completedAt()).isEqualTo(NOW.plusSeconds(7));
    }

    @Test
    void refusesMovesOutsideTheTable() {
        Order cancelled = pending().cancel(CancelReason.PAYMENT_TIMEOUT, NOW);
        Order shipped = pending().pay(PaymentMethod.WECHAT, NOW).ship(shipment(NOW));

        assertThatThrownBy(() -> cancelled.pay(PaymentMethod.WECHAT, NOW)).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> pending().ship(shipment(NOW))).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> pending().refund(NOW)).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> shipped.refund(NOW)).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> shipped.cancel(CancelReason.BY_ADMIN, NOW))
                .isInstanceOfSatisfying(TransitionNotAllowed.class, e -> assertThat(e.from()).isEqualTo(OrderStatus.SHIPPED));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED", "REFUNDED"})
    void terminalStatusesGoNowhere(OrderStatus terminal) {
        assertThat(terminal.next()).isEmpty();
    }

    @Test
    void isOverdueOnlyWhilePendingAndPastTheDeadline() {
        assertThat(pending().isOverdue(NOW.plusSeconds(1_799))).isFalse();
        assertThat(pending().isOverdue(NOW.plusSeconds(1_800))).isTrue();
        assertThat(pending().pay(PaymentMethod.WECHAT, NOW).isOverdue(NOW.plusSeconds(9_999))).isFalse();
    }

    @Test
    void totalsMustAddUp() {
        Order order = pending();
        assertThatThrownBy(() -> Order.builder().orderNo(order.orderNo()).userId(order.userId()).status(order.status())
                .paymentMethod(order.paymentMethod()).items(order.items()).totalAmount(Money.of(999, CNY))
                .payAmount(order.payAmount()).shippingAddress(order.shippingAddress()).createdAt(NOW).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAShippedOrdersShipmentCanBeCorrectedAndItKeepsItsShippingTime() {
        Order shipped = pending().pay(PaymentMethod.WECHAT, NOW).ship(shipment(NOW));

        Order corrected = shipped.correctShipment("YTO", "YT42");

        assertThat(corrected.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(corrected.shipment()).isEqualTo(new Shipment("YTO", "YT42", NOW));
        assertThatThrownBy(() -> corrected.complete(NOW).correctShipment("SF", "1")).isInstanceOf(TransitionNotAllowed.class);
        assertThatThrownBy(() -> pending().pay(PaymentMethod.WECHAT, NOW).correctShipment("SF", "1"))
                .isInstanceOf(TransitionNotAllowed.class);
    }

    @Test
    void asPlacedAndAsPaidGiveTheOrderAsThoseMovesLeftItWhateverCameAfter() {
        Order paid = pending().pay(PaymentMethod.ALIPAY, NOW.plusSeconds(5));
        Order refunded = paid.refund(NOW.plusSeconds(60));
        Order completed = paid.ship(shipment(NOW.plusSeconds(60))).complete(NOW.plusSeconds(120));

        assertThat(completed.asPlaced(PaymentMethod.WECHAT)).isEqualTo(pending());
        assertThat(refunded.asPlaced(PaymentMethod.WECHAT)).isEqualTo(pending());
        assertThat(completed.asPaid()).isEqualTo(paid);
        assertThat(refunded.asPaid()).isEqualTo(paid);
        assertThatThrownBy(() -> paid.asPlaced(PaymentMethod.BALANCE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pending().cancel(CancelReason.BY_USER, NOW).asPaid()).isInstanceOf(IllegalStateException.class);
    }
}
