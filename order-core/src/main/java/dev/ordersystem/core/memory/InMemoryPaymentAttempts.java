package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Payment attempts by out_trade_no, with the one open attempt per order kept as an index of its own. */
final class InMemoryPaymentAttempts implements PaymentAttempts {
    private final InMemoryStore store;
    private final Map<OutTradeNo, PaymentAttempt> attempts = new LinkedHashMap<>();
    private final Map<OrderNo, OutTradeNo> openByOrder = new HashMap<>();

    InMemoryPaymentAttempts(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void add(PaymentAttempt attempt) {
        store.inTransaction(() -> {
            if (attempts.containsKey(attempt.outTradeNo())) {
                throw new IllegalStateException("payment attempt " + attempt.outTradeNo() + " exists");
            }
            if (attempt.state().isOpen()) {
                if (openByOrder.containsKey(attempt.orderNo())) {
                    throw new IllegalStateException("order " + attempt.orderNo() + " has an open payment attempt");
                }
                store.put(openByOrder, attempt.orderNo(), attempt.outTradeNo());
            }
            store.put(attempts, attempt.outTradeNo(), attempt);
            return null;
        });
    }

    @Override
    public Optional<PaymentAttempt> find(OutTradeNo outTradeNo) {
        return store.read(() -> Optional.ofNullable(attempts.get(outTradeNo)));
    }

    @Override
    public Optional<PaymentAttempt> findOpen(OrderNo orderNo) {
        return store.read(() -> Optional.ofNullable(openByOrder.get(orderNo)).map(attempts::get));
    }

    @Override
    public List<PaymentAttempt> findOpenAmong(Collection<OrderNo> orderNos) {
        return store.read(() -> orderNos.stream().distinct().map(openByOrder::get).filter(Objects::nonNull)
                .map(attempts::get).toList());
    }

    @Override
    public List<PaymentAttempt> findByOrder(OrderNo orderNo) {
        return store.read(() -> attempts.values().stream().filter(a -> a.orderNo().equals(orderNo))
                .sorted(Comparator.comparingInt(PaymentAttempt::attempt)).toList());
    }

    @Override
    public List<PaymentAttempt> findUnheard(Instant createdBefore, Instant checkedBefore, int limit) {
        return store.read(() -> openByOrder.values().stream().map(attempts::get)
                .filter(a -> a.createdAt().isBefore(createdBefore))
                .filter(a -> a.checkedAt().map(at -> at.isBefore(checkedBefore)).orElse(true))
                .sorted(Comparator.comparing((PaymentAttempt a) -> a.checkedAt().orElse(a.createdAt())))
                .limit(limit).toList());
    }

    @Override
    public void update(PaymentAttempt changed, AttemptState expected) {
        store.inTransaction(() -> {
            PaymentAttempt current = attempts.get(changed.outTradeNo());
            if (current == null || current.state() != expected) {
                throw new NotFound("payment attempt " + changed.outTradeNo() + " in state " + expected);
            }
            if (expected.isOpen() && !changed.state().isOpen()) store.remove(openByOrder, changed.orderNo());
            store.put(attempts, changed.outTradeNo(), changed);
            return null;
        });
    }
}
