package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.AddressBook;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The database work of DESIGN §4.1, run inside the caller's transaction, for a group of
 * placements (a lone placement is a group of one): addresses in one read, one catalogue read,
 * one multi-row insert of the orders, one of their events, one conditional stock update per
 * product in ascending id for the group's total, balance debits in ascending user id. All
 * placements or, with the first refusal, none (the caller rolls back and may write them one by one).
 */
public final class PlacementTransaction {
    private final Storage storage;
    private final OrderSettings settings;
    private final Clock clock;

    public PlacementTransaction(Storage storage, OrderSettings settings, Clock clock) {
        this.storage = storage;
        this.settings = settings;
        this.clock = clock;
    }

    /** The orders of {@code placements}, in their order, written. */
    List<Order> write(List<Placement> placements) {
        List<ShippingAddress> addresses = addresses(placements);
        Map<ProductId, Integer> totals = new TreeMap<>();
        placements.forEach(p -> p.cart().lines().forEach(line -> totals.merge(line.productId(), line.quantity(), Integer::sum)));
        Map<ProductId, Product> products = storage.catalogue().findAll(List.copyOf(totals.keySet()));
        Instant now = clock.instant();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            Placement placement = placements.get(i);
            orders.add(pending(placement, snapshot(placement.cart(), products), addresses.get(i), now));
        }
        List<Order> placed = orders.stream().map(PlacementTransaction::paidAtOnce).toList();
        // The rows nobody reads back in this transaction first: a store may hold them and send them
        // with the stock updates that follow, in one round trip (the SQL adapter does).
        storage.orders().addAll(placed);
        storage.outbox().append(events(placed, now));
        storage.stock().reserve(totals.entrySet().stream().map(e -> new StockLine(e.getKey(), e.getValue())).toList());
        // Balance rows after stock rows, in ascending user id, as stock rows go in ascending product id: no deadlocks.
        placed.stream().filter(order -> order.paymentMethod() == PaymentMethod.BALANCE)
                .sorted(Comparator.comparing(order -> order.userId().value()))
                .forEach(order -> storage.balances().debit(order.userId(), order.payAmount(), BalanceReason.ORDER_PAYMENT,
                        order.orderNo().value()));
        storage.outbox().append(stockLow(totals, products, now));
        return placed;
    }

    /**
     * DESIGN §15 {@code stock.low}: for each product with a threshold, the stock this group took
     * (its rows are locked by the update, so what is read is exact) and whether that took it from
     * at or above the threshold to below it: once per crossing, not on every sale below it.
     */
    private List<OrderEvent> stockLow(Map<ProductId, Integer> totals, Map<ProductId, Product> products, Instant now) {
        List<OrderEvent> low = new ArrayList<>();
        totals.forEach((id, taken) -> {
            Product product = products.get(id);
            if (product.lowStockThreshold() == 0) return; // no threshold: no read
            long after = storage.stock().available(id);
            if (product.fallsLow(after + taken, after)) low.add(OrderEvent.stockLow(product, after, now));
        });
        return low;
    }

    /** DESIGN §15: each placement's events in the group's transaction; a BALANCE order is placed and paid at once. */
    private static List<OrderEvent> events(List<Order> placed, Instant now) {
        List<OrderEvent> events = new ArrayList<>();
        for (Order order : placed) {
            events.add(OrderEvent.of(EventType.ORDER_PLACED, order, now));
            if (order.status() == OrderStatus.PAID) events.add(OrderEvent.reached(order, now));
        }
        return events;
    }

    /** One read for the named addresses; a placement naming an address its user does not own spoils the group. */
    private List<ShippingAddress> addresses(List<Placement> placements) {
        List<Placement> named = placements.stream().filter(p -> p.command().addressId() != null).toList();
        List<Optional<Address>> found = storage.addresses().findEach(named.stream()
                .map(p -> new AddressBook.Owned(p.command().userId(), new AddressId(p.command().addressId()))).toList());
        List<ShippingAddress> addresses = new ArrayList<>();
        int next = 0;
        for (Placement placement : placements) {
            addresses.add(placement.command().addressId() == null ? defaultAddress(placement.command())
                    : found.get(next++).orElseThrow(PlacementTransaction::noSuchAddress).shipping());
        }
        return addresses;
    }

    private static ValidationFailed noSuchAddress() {
        return ValidationFailed.of("addressId", FieldFault.NO_SUCH_ADDRESS);
    }

    /** An order without an address goes to the user's default; read inside the placement's transaction. */
    private ShippingAddress defaultAddress(PlaceOrderCommand command) {
        return storage.addresses().findDefault(command.userId())
                .orElseThrow(() -> ValidationFailed.of("addressId", FieldFault.NO_DEFAULT_ADDRESS))
                .shipping();
    }

    private Order pending(Placement placement, List<OrderItem> items, ShippingAddress address, Instant now) {
        PlaceOrderCommand command = placement.command();
        PaymentMethod method = command.paymentMethod();
        Instant expiresAt = method == PaymentMethod.BALANCE ? null : now.plus(settings.paymentTimeout());
        return Order.pending(placement.orderNo(), command.userId(), method, items, address, now, expiresAt,
                command.idempotencyKey().orElse(null), placement.fingerprint());
    }

    /** A BALANCE order is written paid; its debit (balance row locked, funds checked, journalled) follows in the same transaction. */
    private static Order paidAtOnce(Order order) {
        return order.paymentMethod() == PaymentMethod.BALANCE ? order.pay(PaymentMethod.BALANCE, order.createdAt()) : order;
    }

    private static List<OrderItem> snapshot(Cart cart, Map<ProductId, Product> products) {
        List<OrderItem> items = new ArrayList<>();
        for (StockLine line : cart.lines()) {
            Product product = products.get(line.productId());
            if (product == null || !product.onSale()) throw new ProductUnavailable(line.productId());
            items.add(OrderItem.of(product, line.quantity()));
        }
        return items;
    }
}
