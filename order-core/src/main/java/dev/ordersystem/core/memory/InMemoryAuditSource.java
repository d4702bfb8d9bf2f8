package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.BalanceEntry;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundLine;
import dev.ordersystem.core.domain.StockReturn;
import dev.ordersystem.core.domain.StockMovement;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AuditSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The audit figures, computed from the in-memory tables under the store lock. */
final class InMemoryAuditSource implements AuditSource {
    private final InMemoryStore store;
    private final InMemoryOrderRepository orders;
    private final InMemoryStockLedger stock;
    private final InMemoryBalanceLedger balances;
    private final InMemoryPaymentRecords payments;
    private final InMemoryAddressBook addresses;
    private final InMemoryOutbox outbox;
    private final InMemoryRefunds refunds;

    InMemoryAuditSource(InMemoryStore store, InMemoryOrderRepository orders, InMemoryStockLedger stock,
                        InMemoryBalanceLedger balances, InMemoryPaymentRecords payments, InMemoryAddressBook addresses,
                        InMemoryOutbox outbox, InMemoryRefunds refunds) {
        this.outbox = outbox;
        this.refunds = refunds;
        this.store = store;
        this.orders = orders;
        this.stock = stock;
        this.balances = balances;
        this.payments = payments;
        this.addresses = addresses;
    }

    @Override
    public List<EventTrail> eventTrails() {
        return store.read(() -> {
            Map<OrderNo, List<EventType>> trails = new java.util.HashMap<>();
            for (var event : outbox.events.values()) {
                if (event.type().wireName().startsWith("order.")) {
                    trails.computeIfAbsent(event.orderNo(), no -> new java.util.ArrayList<>()).add(event.type());
                }
            }
            Instant firstEvent = outbox.events.values().stream().map(e -> e.occurredAt()).min(Instant::compareTo).orElse(null);
            return orders.orders.values().stream()
                    .filter(o -> trails.containsKey(o.orderNo()) || (firstEvent != null && !o.createdAt().isBefore(firstEvent)))
                    .map(o -> new EventTrail(o.orderNo(), o.status(), trails.getOrDefault(o.orderNo(), List.of())))
                    .toList();
        });
    }

    @Override
    public List<StockFigures> stockFigures() {
        return store.read(() -> {
            Map<ProductId, Long> recorded = stock.movements.stream()
                    .collect(Collectors.groupingBy(StockMovement::productId, Collectors.summingLong(StockMovement::delta)));
            Map<ProductId, Long> held = orders.orders.values().stream()
                    .filter(order -> order.status().holdsStock())
                    .flatMap(order -> order.items().stream())
                    .collect(Collectors.groupingBy(OrderItem::productId, Collectors.summingLong(OrderItem::quantity)));
            Map<ProductId, Long> returned = refunds.refunds.values().stream()
                    .filter(r -> r.stockReturn() == StockReturn.RESTOCK)
                    .filter(r -> orders.orders.get(r.orderNo()) != null && orders.orders.get(r.orderNo()).status().holdsStock())
                    .flatMap(r -> r.lines().stream())
                    .collect(Collectors.groupingBy(RefundLine::productId,
                            Collectors.summingLong(RefundLine::quantity)));
            returned.forEach((product, units) -> held.merge(product, -units, Long::sum));
            return stock.available.entrySet().stream()
                    .map(e -> new StockFigures(e.getKey(), recorded.getOrDefault(e.getKey(), 0L), e.getValue(),
                            held.getOrDefault(e.getKey(), 0L)))
                    .toList();
        });
    }

    @Override
    public List<RefundTotal> orderRefundTotals() {
        return store.read(() -> refunds.refunds.values().stream()
                .filter(r -> r.purpose() == RefundPurpose.ORDER)
                .filter(r -> r.state() != RefundState.FAILED)
                .collect(Collectors.groupingBy(Refund::orderNo,
                        TreeMap::new, Collectors.summingLong(r -> r.amount().minor())))
                .entrySet().stream()
                .map(e -> new RefundTotal(e.getKey(), Optional.ofNullable(orders.orders.get(e.getKey()))
                        .map(o -> o.payAmount().minor()).orElse(0L), e.getValue()))
                .toList());
    }

    @Override
    public List<String> refundsPendingBefore(Instant cutoff) {
        return store.read(() -> refunds.refunds.values().stream()
                .filter(r -> r.state() == RefundState.PENDING && r.createdAt().isBefore(cutoff))
                .map(r -> r.refundNo().value()).toList());
    }

    @Override
    public List<BalanceFigures> balanceFigures() {
        return store.read(() -> {
            Map<?, Long> journalled = balances.journal.stream()
                    .collect(Collectors.groupingBy(BalanceEntry::userId, Collectors.summingLong(e -> e.delta().minor())));
            return balances.balances.entrySet().stream()
                    .map(e -> new BalanceFigures(e.getKey(), e.getValue(), journalled.getOrDefault(e.getKey(), 0L)))
                    .toList();
        });
    }

    @Override
    public List<PaidOrderFigures> paidOrderFigures() {
        return store.read(() -> {
            Map<OrderNo, List<PaymentRecord>> succeeded = payments.records.values().stream()
                    .filter(r -> r.status() == PaymentStatus.SUCCEEDED)
                    .collect(Collectors.groupingBy(PaymentRecord::orderNo));
            Map<String, Long> debited = balances.journal.stream()
                    .filter(e -> e.reason() == BalanceReason.ORDER_PAYMENT)
                    .collect(Collectors.groupingBy(BalanceEntry::reference, Collectors.summingLong(e -> -e.delta().minor())));
            return orders.orders.values().stream()
                    .filter(order -> order.status().isPaid())
                    .map(order -> {
                        List<PaymentRecord> paid = succeeded.getOrDefault(order.orderNo(), List.of());
                        return new PaidOrderFigures(order.orderNo(), order.status(), order.paymentMethod(), order.payAmount(),
                                paid.size(), paid.stream().mapToLong(r -> r.amount().minor()).sum(),
                                debited.getOrDefault(order.orderNo().value(), 0L));
                    })
                    .toList();
        });
    }

    @Override
    public List<PaymentRecord> paymentsWithoutOrder() {
        return store.read(() -> payments.records.values().stream()
                .filter(r -> r.status() == PaymentStatus.SUCCEEDED || r.status() == PaymentStatus.MISMATCH)
                .filter(r -> !orders.orders.containsKey(r.orderNo()))
                .toList());
    }

    @Override
    public List<OrderNo> pendingExpiredBefore(Instant cutoff) {
        return store.read(() -> orders.orders.values().stream()
                .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT && order.expiresAt().isBefore(cutoff))
                .map(Order::orderNo)
                .toList());
    }

    @Override
    public List<OrderNo> shippedBefore(Instant cutoff) {
        return store.read(() -> orders.orders.values().stream()
                .filter(order -> order.status() == OrderStatus.SHIPPED && order.shippedAt().isBefore(cutoff))
                .map(Order::orderNo)
                .toList());
    }

    @Override
    public List<String> idempotencyKeysUsedTwice() {
        return store.read(() -> orders.orders.values().stream()
                .filter(order -> order.idempotencyKey() != null)
                .collect(Collectors.groupingBy(order -> order.userId().value() + ":" + order.idempotencyKey(), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
    }

    @Override
    public List<UserId> addressBooksWithoutOneDefault() {
        return store.read(() -> addresses.addresses.values().stream()
                .collect(Collectors.groupingBy(Address::userId, Collectors.filtering(Address::isDefault, Collectors.counting())))
                .entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList());
    }
}
