package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.Storage;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of the per-port contract tests: the store under test and quick ways to make rows through
 * the ports themselves. A store may be shared by every test of a class, so each test makes its
 * own users, products and order numbers and asserts only about them.
 */
public abstract class StorageFixtures {
    protected static final Currency CNY = Currency.getInstance("CNY");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    protected Storage storage;
    /** A fixed, millisecond-precise time: every store keeps at least milliseconds. */
    protected final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected abstract Storage storage();

    @BeforeEach
    void openStore() {
        storage = storage();
    }

    protected static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh order number, ascending like real ones: the time, then a sequence within this run. */
    protected static OrderNo newOrderNo() {
        return new OrderNo(System.currentTimeMillis() + "%09d".formatted(SEQUENCE.incrementAndGet() % 1_000_000_000));
    }

    protected static Money cny(long minor) {
        return Money.of(minor, CNY);
    }

    protected Product newProduct(long price, long stock) {
        return storage.transactions().inTransaction(() -> {
            Product product = storage.catalogue().add(unique("product"), "contract test", cny(price), true);
            storage.stock().open(product.id(), stock);
            return product;
        });
    }

    protected UserId newUser(long balance) {
        return storage.transactions().inTransaction(() -> {
            User user = storage.users().register(unique("user"), "pbkdf2-sha256$1000$c2FsdA$aGFzaA", now);
            storage.balances().open(user.id());
            if (balance > 0) storage.balances().credit(user.id(), cny(balance), BalanceReason.TOP_UP, unique("topup"));
            return user.id();
        });
    }

    protected static ShippingAddress address() {
        return new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue");
    }

    /** A pending order of {@code quantity} units of {@code product}, not yet stored. */
    protected Order pendingOrder(UserId user, Product product, int quantity, String idempotencyKey) {
        return Order.pending(newOrderNo(), user, PaymentMethod.WECHAT, List.of(OrderItem.of(product, quantity)), address(),
                now, now.plusSeconds(1_800), idempotencyKey, idempotencyKey == null ? null : "fingerprint-" + idempotencyKey);
    }

    /** Stores a pending order after taking its stock, as placing an order does. */
    protected Order storedPendingOrder(UserId user, Product product, int quantity) {
        Order order = pendingOrder(user, product, quantity, null);
        storage.transactions().inTransaction(() -> {
            storage.stock().reserve(order.stockLines());
            storage.orders().add(order);
        });
        return order;
    }
}
