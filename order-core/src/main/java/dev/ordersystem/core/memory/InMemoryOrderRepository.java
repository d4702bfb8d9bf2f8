package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.IdempotencyKeyTaken;
import dev.ordersystem.core.domain.OrderNumberTaken;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.ShipmentCorrection;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.port.MinuteTally;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Orders in a map sorted by order number (which starts with the creation time). */
final class InMemoryOrderRepository implements OrderRepository {
    private final InMemoryStore store;
    final NavigableMap<OrderNo, Order> orders = new TreeMap<>();
    private final Map<String, OrderNo> byIdempotencyKey = new HashMap<>();
    private final List<ShipmentCorrection> corrections = new ArrayList<>();

    InMemoryOrderRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void add(Order order) {
        store.inTransaction(() -> {
            if (orders.containsKey(order.orderNo())) throw new OrderNumberTaken(order.orderNo());
            order.idempotencyKeyIfAny().ifPresent(key -> {
                String indexKey = keyOf(order.userId(), key);
                if (byIdempotencyKey.containsKey(indexKey)) throw new IdempotencyKeyTaken(order.userId(), key);
                store.put(byIdempotencyKey, indexKey, order.orderNo());
            });
            store.put(orders, order.orderNo(), order);
            return null;
        });
    }

    @Override
    public Optional<Order> find(OrderNo orderNo) {
        return store.read(() -> Optional.ofNullable(orders.get(orderNo)));
    }

    @Override
    public Optional<Order> lock(OrderNo orderNo) {
        return find(orderNo); // the store lock already serialises every transaction
    }

    @Override
    public void update(Order changed, OrderStatus expected) {
        store.inTransaction(() -> {
            Order current = orders.get(changed.orderNo());
            if (current == null) throw new NotFound("order " + changed.orderNo());
            if (current.status() != expected) throw new TransitionNotAllowed(changed.orderNo(), current.status(), changed.status());
            store.put(orders, changed.orderNo(), changed);
            return null;
        });
    }

    @Override
    public Optional<Order> findByIdempotencyKey(UserId userId, String idempotencyKey) {
        return store.read(() -> Optional.ofNullable(byIdempotencyKey.get(keyOf(userId, idempotencyKey))).map(orders::get));
    }

    @Override
    public Page<Order> findByUser(UserId userId, Optional<OrderStatus> status, PageRequest page) {
        return newestFirst(order -> order.belongsTo(userId) && status.map(s -> order.status() == s).orElse(true), page);
    }

    @Override
    public Page<Order> findAll(Optional<OrderStatus> status, PageRequest page) {
        return newestFirst(order -> status.map(s -> order.status() == s).orElse(true), page);
    }

    @Override
    public long countInStatus(OrderStatus status) {
        return store.read(() -> orders.values().stream().filter(order -> order.status() == status).count());
    }

    @Override
    public List<MinuteTally> tallyByMinute(Instant from, Instant to) {
        return store.read(() -> {
            Map<Instant, List<Order>> byMinute = orders.values().stream()
                    .filter(order -> !order.createdAt().isBefore(from) && order.createdAt().isBefore(to))
                    .collect(Collectors.groupingBy(order -> order.createdAt().truncatedTo(ChronoUnit.MINUTES), TreeMap::new,
                            Collectors.toList()));
            return byMinute.entrySet().stream().map(minute -> {
                List<Order> paid = minute.getValue().stream().filter(order -> order.status().isPaid()).toList();
                Money paidAmount = Money.of(paid.stream().mapToLong(order -> order.payAmount().minor()).sum(),
                        minute.getValue().getFirst().payAmount().currency());
                return new MinuteTally(minute.getKey(), minute.getValue().size(), paid.size(), paidAmount);
            }).toList();
        });
    }

    @Override
    public List<Order> lockOverdue(Instant now, int limit) {
        return store.read(() -> orders.values().stream()
                .filter(order -> order.isOverdue(now))
                .sorted(Comparator.comparing(Order::expiresAt))
                .limit(limit)
                .toList());
    }

    @Override
    public List<Order> lockShippedBefore(Instant cutoff, int limit) {
        return store.read(() -> orders.values().stream()
                .filter(order -> order.status() == OrderStatus.SHIPPED && !order.shippedAt().isAfter(cutoff))
                .sorted(Comparator.comparing(Order::shippedAt))
                .limit(limit)
                .toList());
    }

    @Override
    public void recordShipmentCorrection(ShipmentCorrection correction) {
        store.inTransaction(() -> {
            store.append(corrections, correction);
            return null;
        });
    }

    @Override
    public List<ShipmentCorrection> shipmentCorrections(OrderNo orderNo) {
        return store.read(() -> corrections.stream().filter(c -> c.orderNo().equals(orderNo)).toList());
    }

    private Page<Order> newestFirst(Predicate<Order> filter, PageRequest page) {
        return store.read(() -> {
            NavigableMap<OrderNo, Order> older = page.after()
                    .map(after -> orders.headMap(orderNoKey(after), false))
                    .orElse(orders);
            return Pages.of(older.descendingMap().values().stream().filter(filter), page, o -> o.orderNo().value());
        });
    }

    private static OrderNo orderNoKey(String after) {
        if (!OrderNo.isWellFormed(after)) throw ValidationFailed.of("cursor", FieldFault.BAD_CURSOR);
        return new OrderNo(after);
    }

    private static String keyOf(UserId userId, String key) {
        return userId.value() + ":" + key;
    }
}
