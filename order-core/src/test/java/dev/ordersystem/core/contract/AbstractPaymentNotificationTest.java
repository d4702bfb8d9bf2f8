package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.usecase.payment.PaymentOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §4.3: verified payment notifications, each recorded once and never dropped. */
public abstract class AbstractPaymentNotificationTest extends AbstractOrderSystemTest {

    @Test
    void matchingPaymentPaysThePendingOrderAndDropsItsExpiry() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.ALIPAY, line(tea, 1));
        Instant paidAt = clock.instant().plusSeconds(10);

        PaymentOutcome outcome = system.applyPayment().apply(PaymentNotifications.wechat(pending.orderNo(), "wx-1001", pending.payAmount(), paidAt));

        assertThat(outcome).isEqualTo(PaymentOutcome.PAID);
        Order paid = storage.orders().find(pending.orderNo()).orElseThrow();
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.paymentMethod()).isEqualTo(PaymentMethod.WECHAT);
        assertThat(paid.paidAt()).isEqualTo(paidAt);
        assertThat(storage.payments().findByOrder(pending.orderNo())).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                    assertThat(r.amount()).isEqualTo(pending.payAmount());
                    assertThat(r.rawNotification()).contains("wx-1001");
                });
        assertThat(fastPath.scheduler().claimDue(pending.expiresAt().plusSeconds(1), 10, Duration.ofSeconds(30))).isEmpty();
        assertInvariantsHold();
    }

    @Test
    void duplicateNotificationIsAcknowledgedAndChangesNothing() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));

        assertThat(PaymentNotifications.apply(system, pending, "wx-dup")).isEqualTo(PaymentOutcome.PAID);
        assertThat(PaymentNotifications.apply(system, pending, "wx-dup")).isEqualTo(PaymentOutcome.DUPLICATE);

        assertThat(storage.payments().findByOrder(pending.orderNo())).hasSize(1);
        assertThat(PaymentOutcome.DUPLICATE.acknowledged()).isTrue();
        assertInvariantsHold();
    }

    @Test
    void amountMismatchIsRecordedAndTheOrderStaysUnpaid() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));

        PaymentOutcome outcome = system.applyPayment().apply(
                PaymentNotifications.wechat(pending.orderNo(), "wx-short", cny(1), clock.instant()));

        assertThat(outcome).isEqualTo(PaymentOutcome.AMOUNT_MISMATCH);
        assertThat(storage.orders().find(pending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(system.reconcilePayments().list(PaymentStatus.MISMATCH, PageRequest.first(100)).items())
                .extracting(PaymentRecord::tradeNo).contains("wx-short");
        assertInvariantsHold();
    }

    @Test
    void aPaymentInAnotherCurrencyIsAMismatchAndTheOrderStaysUnpaid() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        Money dollars = Money.of(pending.payAmount().minor(), Currency.getInstance("USD")); // the same figure, not the same money

        PaymentOutcome outcome = system.applyPayment().apply(
                PaymentNotifications.wechat(pending.orderNo(), "wx-usd", dollars, clock.instant()));

        assertThat(outcome).isEqualTo(PaymentOutcome.AMOUNT_MISMATCH);
        assertThat(storage.orders().find(pending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(system.reconcilePayments().list(PaymentStatus.MISMATCH, PageRequest.first(100)).items())
                .filteredOn(r -> r.tradeNo().equals("wx-usd")).singleElement()
                .satisfies(r -> assertThat(r.amount()).isEqualTo(dollars));
        assertInvariantsHold();
        system.cancelOrder().cancelByUser(buyer.userId(), pending.orderNo()); // no pending order left for the store's later tests
    }

    @Test
    void latePaymentForACancelledOrderIsKeptAsRefundRequired() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        clock.advance(Duration.ofMinutes(31));
        system.expireOrder().expire(pending.orderNo());

        PaymentOutcome outcome = PaymentNotifications.apply(system, pending, "wx-late");

        assertThat(outcome).isEqualTo(PaymentOutcome.REFUND_REQUIRED);
        assertThat(storage.orders().find(pending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(storage.payments().find(PaymentChannel.WECHAT, "wx-late"))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(PaymentStatus.REFUND_REQUIRED));
        assertThat(available(tea)).isEqualTo(5);
        assertInvariantsHold();
    }

    @Test
    void secondTradeForAPaidOrderIsKeptAsRefundRequired() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        PaymentNotifications.apply(system, pending, "wx-first");

        assertThat(PaymentNotifications.apply(system, pending, "wx-second")).isEqualTo(PaymentOutcome.REFUND_REQUIRED);
        assertInvariantsHold();
    }

    @Test
    void paymentForAnUnknownOrderIsRecordedForReconciliation() {
        OrderNo unknown = new OrderNo("99990101000000000" + (100_000 + (System.nanoTime() % 900_000)));

        PaymentOutcome outcome = system.applyPayment().apply(PaymentNotifications.wechat(unknown, "wx-" + unknown, cny(500), clock.instant()));

        assertThat(outcome).isEqualTo(PaymentOutcome.UNMATCHED);
        assertThat(storage.payments().findByOrder(unknown)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(PaymentStatus.UNMATCHED));
        assertInvariantsHold();
    }

    @Test
    void aDeliveryWhileAnotherHoldsTheOrderLockIsAskedToComeBack() {
        ProductId tea = newProduct(1_999, 5);
        Buyer buyer = newBuyer(0);
        Order pending = place(buyer, PaymentMethod.WECHAT, line(tea, 1));
        IdempotencyGuard.Lease held = fastPath.guard()
                .tryAcquire("pay-notify:" + pending.orderNo().value(), Duration.ofSeconds(5)).orElseThrow();

        assertThat(PaymentNotifications.apply(system, pending, "wx-busy")).isEqualTo(PaymentOutcome.BUSY);
        assertThat(PaymentOutcome.BUSY.acknowledged()).isFalse();
        assertThat(storage.payments().findByOrder(pending.orderNo())).isEmpty();

        fastPath.guard().release(held);
        assertThat(PaymentNotifications.apply(system, pending, "wx-busy")).isEqualTo(PaymentOutcome.PAID);
    }
}
