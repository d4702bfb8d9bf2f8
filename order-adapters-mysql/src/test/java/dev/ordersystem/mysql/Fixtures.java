package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.port.Storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Small builders for the SQL tests: products with stock, users with balances, pending orders. */
final class Fixtures {
    static final Currency CNY = Currency.getInstance("CNY");
    static final ShippingAddress HOME = new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Ave");
    private static final AtomicLong NUMBERS = new AtomicLong(System.currentTimeMillis() * 1000);

    private final Storage storage;

    Fixtures(Storage storage) {
        this.storage = storage;
    }

    static Money cny(long minor) {
        return Money.of(minor, CNY);
    }

    /** Micro-second instants, as DATETIME(6) keeps them. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static OrderNo nextOrderNo() {
        return new OrderNo(Long.toString(NUMBERS.incrementAndGet()));
    }

    Product product(long price, long stock) {
        return storage.transactions().inTransaction(() -> {
            Product p = storage.catalogue().add("product " + price, "a product", cny(price), true);
            storage.stock().open(p.id(), stock);
            return p;
        });
    }

    User user(long balance) {
        String name = "user" + NUMBERS.incrementAndGet();
        return storage.transactions().inTransaction(() -> {
            User u = storage.users().register(name, "hash", now());
            storage.balances().open(u.id());
            if (balance > 0) storage.balances().credit(u.id(), cny(balance), dev.ordersystem.core.domain.BalanceReason.TOP_UP, "seed:" + name);
            return u;
        });
    }

    static Order pending(User user, Product product, int quantity, Instant expiresAt) {
        return Order.pending(nextOrderNo(), user.id(), PaymentMethod.WECHAT, List.of(OrderItem.of(product, quantity)),
                HOME, now(), expiresAt, null, null);
    }
}
