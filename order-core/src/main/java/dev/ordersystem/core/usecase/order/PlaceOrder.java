package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.IdempotencyKeyTaken;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.Product;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DESIGN §4.1–4.2: places an order in one transaction — stock rows locked in ascending product
 * id, balance row for BALANCE, prices snapshotted from the catalogue — guarded against duplicate
 * submission by the idempotency key (stored with the order) or, without one, by a short
 * per-cart guard.
 */
public final class PlaceOrder {
    private final Storage storage;
    private final IdempotencyGuard guard;
    private final ExpiryJobs expiryJobs;
    private final OrderNumberGenerator numbers;
    private final OrderSettings settings;
    private final Clock clock;

    public PlaceOrder(Storage storage, IdempotencyGuard guard, ExpiryJobs expiryJobs, OrderNumberGenerator numbers,
                      OrderSettings settings, Clock clock) {
        this.storage = storage;
        this.guard = guard;
        this.expiryJobs = expiryJobs;
        this.numbers = numbers;
        this.settings = settings;
        this.clock = clock;
    }

    public Order placeOrder(PlaceOrderCommand command) {
        Cart cart = Cart.of(command);
        String fingerprint = cart.fingerprint(command);
        Optional<String> key = command.idempotencyKey();
        if (key.isPresent()) {
            Optional<Order> earlier = replay(command.userId(), key.get(), fingerprint);
            if (earlier.isPresent()) return earlier.get();
        }
        Optional<Lease> submitGuard = key.isPresent() ? Optional.empty() : takeSubmitGuard(command.userId(), fingerprint);
        try {
            Order order = storage.transactions().inTransaction(() -> placeInTransaction(command, cart, fingerprint));
            expiryJobs.schedule(order);
            return order;
        } catch (IdempotencyKeyTaken raced) {
            return replay(command.userId(), key.orElseThrow(), fingerprint).orElseThrow(() -> raced);
        } catch (RuntimeException refused) {
            submitGuard.ifPresent(guard::release); // nothing was written: the cart may be sent again
            throw refused;
        }
    }

    private Order placeInTransaction(PlaceOrderCommand command, Cart cart, String fingerprint) {
        UserId user = command.userId();
        ShippingAddress address = storage.addresses().find(user, new AddressId(command.addressId()))
                .orElseThrow(() -> ValidationFailed.of("addressId", "no such address of the user"))
                .shipping();
        List<OrderItem> items = snapshot(cart, storage.catalogue().findAll(cart.productIds()));
        storage.stock().reserve(cart.lines());

        Instant now = clock.instant();
        PaymentMethod method = command.paymentMethod();
        Instant expiresAt = method == PaymentMethod.BALANCE ? null : now.plus(settings.paymentTimeout());
        Order order = Order.pending(numbers.next(), user, method, items, address, now, expiresAt,
                command.idempotencyKey().orElse(null), fingerprint);
        if (method == PaymentMethod.BALANCE) {
            storage.balances().debit(user, order.payAmount(), BalanceReason.ORDER_PAYMENT, order.orderNo().value());
            order = order.pay(PaymentMethod.BALANCE, now);
        }
        storage.orders().add(order);
        return order;
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

    private Optional<Order> replay(UserId user, String key, String fingerprint) {
        return storage.orders().findByIdempotencyKey(user, key).map(earlier -> {
            if (!fingerprint.equals(earlier.requestFingerprint())) {
                throw new DuplicateSubmission("Idempotency-Key " + key + " was used for a different request");
            }
            return earlier;
        });
    }

    private Optional<Lease> takeSubmitGuard(UserId user, String fingerprint) {
        Optional<Lease> lease = guard.tryAcquire("submit:" + user.value() + ":" + fingerprint, settings.duplicateWindow());
        if (lease.isEmpty()) {
            throw new DuplicateSubmission("the same cart was submitted less than "
                    + settings.duplicateWindow().toSeconds() + " s ago");
        }
        return lease;
    }
}
