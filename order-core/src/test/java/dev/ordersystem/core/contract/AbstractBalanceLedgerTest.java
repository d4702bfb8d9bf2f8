package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.BalanceEntry;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The contract of {@link dev.ordersystem.core.port.BalanceLedger}. */
public abstract class AbstractBalanceLedgerTest extends StorageFixtures {

    @Test
    void debitsAndCreditsAreJournalled() {
        UserId user = newUser(1_000);
        String order = newOrderNo().value();

        storage.balances().debit(user, cny(300), BalanceReason.ORDER_PAYMENT, order);
        storage.balances().credit(user, cny(300), BalanceReason.ORDER_REFUND, order);

        assertThat(storage.balances().balance(user)).isEqualTo(cny(1_000));
        assertThat(storage.balances().journal(user)).extracting(BalanceEntry::reason, e -> e.delta().minor(), BalanceEntry::reference)
                .endsWith(tuple(BalanceReason.ORDER_PAYMENT, -300L, order),
                        tuple(BalanceReason.ORDER_REFUND, 300L, order));
    }

    @Test
    void neverGoesBelowZero() {
        UserId user = newUser(299);

        assertThatThrownBy(() -> storage.balances().debit(user, cny(300), BalanceReason.ORDER_PAYMENT, newOrderNo().value()))
                .isInstanceOfSatisfying(InsufficientBalance.class, e -> {
                    assertThat(e.needed()).isEqualTo(cny(300));
                    assertThat(e.balance()).isEqualTo(cny(299));
                });
        assertThat(storage.balances().balance(user)).isEqualTo(cny(299));
        assertThat(storage.balances().journal(user)).hasSize(1);
    }

    @Test
    void theSameReferenceAndReasonApplyOnce() {
        UserId user = newUser(1_000);
        String order = newOrderNo().value();
        storage.balances().debit(user, cny(100), BalanceReason.ORDER_PAYMENT, order);

        assertThatThrownBy(() -> storage.balances().debit(user, cny(100), BalanceReason.ORDER_PAYMENT, order))
                .isInstanceOf(DuplicateSubmission.class);
        storage.transactions().inTransaction(() -> { // a caller that catches the refusal and commits
            assertThatThrownBy(() -> storage.balances().debit(user, cny(100), BalanceReason.ORDER_PAYMENT, order))
                    .isInstanceOf(DuplicateSubmission.class);
        });
        assertThat(storage.balances().balance(user)).isEqualTo(cny(900));

        storage.balances().credit(user, cny(100), BalanceReason.ORDER_REFUND, order);
        assertThatThrownBy(() -> storage.balances().credit(user, cny(100), BalanceReason.ORDER_REFUND, order))
                .isInstanceOf(DuplicateSubmission.class);
        assertThat(storage.balances().balance(user)).isEqualTo(cny(1_000));
        assertThat(storage.balances().journal(user)).extracting(e -> e.delta().minor()).containsExactly(1_000L, -100L, 100L);
    }

    @Test
    void unknownUsersHaveNoBalance() {
        assertThatThrownBy(() -> storage.balances().balance(new UserId(777_777_777L))).isInstanceOf(NotFound.class);
    }

    @Test
    void concurrentDebitsNeverOverdraw() throws Exception {
        UserId user = newUser(1_000);
        List<Callable<Object>> debits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String reference = newOrderNo().value();
            debits.add(() -> storage.transactions().inTransaction(() -> {
                storage.balances().debit(user, cny(100), BalanceReason.ORDER_PAYMENT, reference);
                return null;
            }));
        }

        var results = Race.run(16, debits, Duration.ofMinutes(1));

        assertThat(results).filteredOn(Race.Result::succeeded).hasSize(10);
        assertThat(storage.balances().balance(user)).isEqualTo(cny(0));
        assertThat(storage.balances().journal(user).stream().mapToLong(e -> e.delta().minor()).sum()).isZero();
    }
}
