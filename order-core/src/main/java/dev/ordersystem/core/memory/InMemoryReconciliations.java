package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.Reconciliation;
import dev.ordersystem.core.domain.ReconciliationDifference;
import dev.ordersystem.core.domain.ReconciliationState;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.port.Reconciliations;
import dev.ordersystem.core.port.Storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Reconciliation reports in memory, next to the in-memory payment records they read; one lock with the store. */
public final class InMemoryReconciliations implements Reconciliations {
    private record Day(PaymentChannel channel, LocalDate billDate) {
    }

    private final InMemoryStore store;
    private final InMemoryPaymentRecords payments;
    private final NavigableMap<Long, Reconciliation> reports = new TreeMap<>();
    private final Map<Day, Long> byDay = new HashMap<>();
    private final Map<Long, List<ReconciliationDifference>> differences = new HashMap<>();
    private long ids;

    private InMemoryReconciliations(InMemoryStore store, InMemoryPaymentRecords payments) {
        this.store = store;
        this.payments = payments;
    }

    /** The reports of the in-memory store {@code storage} (made by {@link InMemoryStorage}). */
    public static InMemoryReconciliations over(Storage storage) {
        if (!(storage.transactions() instanceof InMemoryStore store) || !(storage.payments() instanceof InMemoryPaymentRecords records)) {
            throw new IllegalArgumentException("not an in-memory store");
        }
        return new InMemoryReconciliations(store, records);
    }

    @Override
    public Claim claim(PaymentChannel channel, LocalDate billDate, String runner, Instant now, Instant staleBefore) {
        return store.inTransaction(() -> {
            Long id = byDay.get(new Day(channel, billDate));
            if (id == null) {
                long next = ++ids;
                Reconciliation fresh = new Reconciliation(next, channel, billDate, ReconciliationState.RUNNING, runner, now,
                        Optional.empty(), 0, 0, 0);
                store.put(byDay, new Day(channel, billDate), next);
                store.put(reports, next, fresh);
                return new Claimed(fresh);
            }
            Reconciliation existing = reports.get(id);
            if (existing.state() == ReconciliationState.RUNNING && existing.startedAt().isBefore(staleBefore)) {
                Reconciliation taken = new Reconciliation(id, channel, billDate, ReconciliationState.RUNNING, runner, now,
                        Optional.empty(), 0, 0, 0);
                store.put(reports, id, taken);
                return new Claimed(taken);
            }
            return new Held(existing);
        });
    }

    @Override
    public Reconciliation complete(long id, String runner, Instant at, int providerPayments, int providerRefunds,
                                   List<ReconciliationDifference> found) {
        return store.inTransaction(() -> {
            Reconciliation running = reports.get(id);
            if (running == null || running.state() != ReconciliationState.RUNNING || !running.runner().equals(runner)) {
                throw new NotFound("reconciliation " + id + " running under " + runner);
            }
            Reconciliation done = new Reconciliation(id, running.channel(), running.billDate(), ReconciliationState.DONE, runner,
                    running.startedAt(), Optional.of(at), providerPayments, providerRefunds, found.size());
            store.put(differences, id, List.copyOf(found));
            store.put(reports, id, done);
            return done;
        });
    }

    @Override
    public Optional<Reconciliation> find(long id) {
        return store.read(() -> Optional.ofNullable(reports.get(id)));
    }

    @Override
    public Optional<Reconciliation> find(PaymentChannel channel, LocalDate billDate) {
        return store.read(() -> Optional.ofNullable(byDay.get(new Day(channel, billDate))).map(reports::get));
    }

    @Override
    public Page<Reconciliation> list(PageRequest page) {
        long before = page.after().isEmpty() ? Long.MAX_VALUE : Pages.numericKey(page);
        return store.read(() -> Pages.of(reports.headMap(before, false).descendingMap().values().stream(), page,
                r -> Long.toString(r.id())));
    }

    @Override
    public List<ReconciliationDifference> differences(long id) {
        return store.read(() -> differences.getOrDefault(id, List.of()));
    }

    @Override
    public List<PaymentRecord> paidBetween(PaymentChannel channel, Instant from, Instant to) {
        return store.read(() -> payments.records.values().stream()
                .filter(r -> r.channel() == channel && r.paidAt() != null && !r.paidAt().isBefore(from) && r.paidAt().isBefore(to))
                .sorted(Comparator.comparing(PaymentRecord::paidAt)).toList());
    }
}
