package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.Transactions}: one transaction across every port. */
public abstract class AbstractTransactionsTest extends StorageFixtures {

    @Test
    void aFailureUndoesEveryPortsWrites() {
        UserId user = newUser(1_000);
        Product tea = newProduct(100, 10);
        Order order = pendingOrder(user, tea, 3, unique("key"));
        String trade = unique("wx");
        String username = unique("rolled-back");

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.stock().reserve(order.stockLines());
            storage.orders().add(order);
            storage.balances().debit(user, cny(300), BalanceReason.ORDER_PAYMENT, order.orderNo().value());
            storage.payments().add(new PaymentRecord(PaymentChannel.WECHAT, trade, order.orderNo(), cny(300), now,
                    PaymentStatus.SUCCEEDED, "{}", now));
            storage.users().register(username, "h", now);
            storage.stock().adjust(tea.id(), 5, "delivery");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(storage.stock().available(tea.id())).isEqualTo(10);
        assertThat(storage.orders().find(order.orderNo())).isEmpty();
        assertThat(storage.balances().balance(user)).isEqualTo(cny(1_000));
        assertThat(storage.balances().journal(user)).hasSize(1);
        assertThat(storage.payments().find(PaymentChannel.WECHAT, trade)).isEmpty();
        assertThat(storage.users().credentials(username)).isEmpty();
        assertThat(storage.audit().stockFigures()).filteredOn(f -> f.productId().equals(tea.id()))
                .singleElement().satisfies(f -> assertThat(f.recorded()).isEqualTo(10));
    }

    @Test
    void aDomainRefusalInsideUndoesTheEarlierWrites() {
        UserId user = newUser(50);
        Product tea = newProduct(100, 10);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.stock().reserve(pendingOrder(user, tea, 2, null).stockLines());
            storage.balances().debit(user, cny(200), BalanceReason.ORDER_PAYMENT, newOrderNo().value());
        })).isInstanceOf(InsufficientBalance.class);

        assertThat(storage.stock().available(tea.id())).isEqualTo(10);
    }

    @Test
    void nestedCallsJoinTheOuterTransaction() {
        Product tea = newProduct(100, 10);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.transactions().inTransaction(() -> storage.stock().adjust(tea.id(), 5, "inner"));
            throw new IllegalStateException("outer fails after the inner call returned");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(storage.stock().available(tea.id())).isEqualTo(10);
    }

    @Test
    void returnsTheValueOfTheWorkAndCommitsIt() {
        Product tea = newProduct(100, 10);

        long left = storage.transactions().inTransaction(() -> {
            storage.stock().adjust(tea.id(), -4, "sold offline");
            return storage.stock().available(tea.id());
        });

        assertThat(left).isEqualTo(6);
        assertThat(storage.stock().available(tea.id())).isEqualTo(6);
    }
}
