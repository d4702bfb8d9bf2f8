package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.CancelReason;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AuditSource.BalanceFigures;
import dev.ordersystem.core.port.AuditSource.PaidOrderFigures;
import dev.ordersystem.core.port.AuditSource.StockFigures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link dev.ordersystem.core.port.AuditSource}: each figure as the store computes it. */
public abstract class AbstractAuditSourceTest extends StorageFixtures {

    @Test
    void stockFiguresCountMovementsAvailableAndWhatOrdersHold() {
        UserId user = newUser(0);
        Product tea = newProduct(100, 10);
        storage.stock().adjust(tea.id(), 5, "delivery");
        Order held = storedPendingOrder(user, tea, 3);
        Order released = storedPendingOrder(user, tea, 2);
        storage.transactions().inTransaction(() -> {
            storage.orders().update(released.cancel(CancelReason.BY_USER, now), OrderStatus.PENDING_PAYMENT);
            storage.stock().release(released.stockLines());
        });

        assertThat(storage.audit().stockFigures()).filteredOn(f -> f.productId().equals(tea.id()))
                .containsExactly(new StockFigures(tea.id(), 15, 12, 3));
        assertThat(held.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    }

    @Test
    void balanceFiguresCompareTheBalanceWithItsJournal() {
        UserId user = newUser(700);
        storage.balances().debit(user, cny(200), BalanceReason.ORDER_PAYMENT, newOrderNo().value());

        assertThat(storage.audit().balanceFigures()).filteredOn(f -> f.userId().equals(user))
                .containsExactly(new BalanceFigures(user, 500, 500));
    }

    @Test
    void paidOrderFiguresShowWhatPaidForEachOrder() {
        UserId user = newUser(1_000);
        Product tea = newProduct(100, 10);
        Order byChannel = storedPendingOrder(user, tea, 2);
        Order byBalance = storedPendingOrder(user, tea, 3);
        storage.transactions().inTransaction(() -> {
            storage.payments().add(new PaymentRecord(PaymentChannel.WECHAT, unique("wx"), byChannel.orderNo(), cny(200), now,
                    PaymentStatus.SUCCEEDED, "{}", now));
            storage.orders().update(byChannel.pay(PaymentMethod.WECHAT, now), OrderStatus.PENDING_PAYMENT);
            storage.balances().debit(user, cny(300), BalanceReason.ORDER_PAYMENT, byBalance.orderNo().value());
            storage.orders().update(byBalance.pay(PaymentMethod.BALANCE, now), OrderStatus.PENDING_PAYMENT);
        });

        assertThat(storage.audit().paidOrderFigures())
                .filteredOn(f -> f.orderNo().equals(byChannel.orderNo()) || f.orderNo().equals(byBalance.orderNo()))
                .containsExactlyInAnyOrder(
                        new PaidOrderFigures(byChannel.orderNo(), OrderStatus.PAID, PaymentMethod.WECHAT, cny(200), 1, 200, 0),
                        new PaidOrderFigures(byBalance.orderNo(), OrderStatus.PAID, PaymentMethod.BALANCE, cny(300), 0, 0, 300));
    }

    @Test
    void paymentsForMissingOrdersAreListedUnlessFlaggedUnmatched() {
        PaymentRecord orphan = new PaymentRecord(PaymentChannel.ALIPAY, unique("ali"), newOrderNo(), cny(1), now,
                PaymentStatus.SUCCEEDED, "{}", now);
        PaymentRecord flagged = new PaymentRecord(PaymentChannel.ALIPAY, unique("ali"), newOrderNo(), cny(1), now,
                PaymentStatus.UNMATCHED, "{}", now);
        storage.payments().add(orphan);
        storage.payments().add(flagged);

        assertThat(storage.audit().paymentsWithoutOrder()).extracting(PaymentRecord::tradeNo)
                .contains(orphan.tradeNo()).doesNotContain(flagged.tradeNo());
    }

    @Test
    void pendingOrdersPastACutoffAreListed() {
        UserId user = newUser(0);
        Order pending = storedPendingOrder(user, newProduct(100, 10), 1);

        assertThat(storage.audit().pendingExpiredBefore(pending.expiresAt().plusSeconds(1))).contains(pending.orderNo());
        assertThat(storage.audit().pendingExpiredBefore(pending.expiresAt())).doesNotContain(pending.orderNo());
    }

    @Test
    void noIdempotencyKeyIsHeldTwice() {
        UserId user = newUser(0);
        storage.orders().add(pendingOrder(user, newProduct(100, 10), 1, unique("key")));

        assertThat(storage.audit().idempotencyKeysUsedTwice()).noneMatch(key -> key.startsWith(user.value() + ":"));
    }

    @Test
    void addressBooksWithoutOneDefaultListsNoBookKeptThroughThePort() {
        UserId user = newUser(0);
        UserId emptied = newUser(0);
        storage.addresses().add(user, address());
        var second = storage.addresses().add(user, address());
        storage.addresses().add(user, address());
        storage.addresses().setDefault(user, second.id());
        storage.addresses().remove(user, second.id());
        storage.addresses().remove(emptied, storage.addresses().add(emptied, address()).id());

        assertThat(storage.audit().addressBooksWithoutOneDefault()).doesNotContain(user, emptied);
    }
}
