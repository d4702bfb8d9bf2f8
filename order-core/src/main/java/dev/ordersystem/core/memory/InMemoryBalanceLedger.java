package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.BalanceEntry;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.BalanceLedger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Balances in minor units, with a journal whose (reference, reason) pairs are unique. */
final class InMemoryBalanceLedger implements BalanceLedger {
    private final InMemoryStore store;
    private final Currency currency;
    private final Clock clock;
    final Map<UserId, Long> balances = new HashMap<>();
    final List<BalanceEntry> journal = new ArrayList<>();
    private final Set<String> journalled = new HashSet<>();

    InMemoryBalanceLedger(InMemoryStore store, Currency currency, Clock clock) {
        this.store = store;
        this.currency = currency;
        this.clock = clock;
    }

    @Override
    public void open(UserId userId) {
        store.inTransaction(() -> {
            if (!balances.containsKey(userId)) store.put(balances, userId, 0L);
            return null;
        });
    }

    @Override
    public void debit(UserId userId, Money amount, BalanceReason reason, String reference) {
        store.inTransaction(() -> {
            if (current(userId) < amount.minor()) throw new InsufficientBalance(userId, amount, Money.of(current(userId), amount.currency()));
            change(userId, amount.negate(), reason, reference);
            return null;
        });
    }

    @Override
    public void credit(UserId userId, Money amount, BalanceReason reason, String reference) {
        store.inTransaction(() -> {
            change(userId, amount, reason, reference);
            return null;
        });
    }

    @Override
    public Money balance(UserId userId) {
        return store.read(() -> Money.of(current(userId), currency));
    }

    @Override
    public List<BalanceEntry> journal(UserId userId) {
        return store.read(() -> journal.stream().filter(e -> e.userId().equals(userId)).toList());
    }

    private long current(UserId userId) {
        Long balance = balances.get(userId);
        if (balance == null) throw new NotFound("balance of user " + userId);
        return balance;
    }

    private void change(UserId userId, Money delta, BalanceReason reason, String reference) {
        long balance = current(userId);
        String key = reason + "|" + reference;
        if (journalled.contains(key)) throw new DuplicateSubmission("balance " + reason + " for " + reference + " is journalled already");
        store.write(() -> journalled.add(key), () -> journalled.remove(key));
        store.put(balances, userId, Math.addExact(balance, delta.minor()));
        store.append(journal, new BalanceEntry(userId, delta, reason, reference, clock.instant()));
    }
}
