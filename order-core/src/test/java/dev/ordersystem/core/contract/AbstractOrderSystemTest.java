package dev.ordersystem.core.contract;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.ShippingSettings;
import dev.ordersystem.core.audit.AuditReport;
import dev.ordersystem.core.domain.Address;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.port.FastPath;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.usecase.catalogue.NewProduct;
import dev.ordersystem.core.usecase.order.OrderLine;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the use-case tests: an {@link OrderSystem} over the store under test, the in-process
 * fast path and a clock the test moves. Subclasses in each adapter module supply the store; a
 * store may be shared by all tests of a class, so every test makes its own users and products.
 */
public abstract class AbstractOrderSystemTest {
    protected static final Currency CNY = Currency.getInstance("CNY");
    private static final AtomicLong NAMES = new AtomicLong();

    protected MutableClock clock;
    protected FastPath fastPath;
    protected OrderSystem system;
    protected Storage storage;

    /** The store under test; may be the same instance for every test of a class. */
    protected abstract Storage storage();

    protected OrderSettings settings() {
        return OrderSettings.defaults().withPasswordIterations(1_000).withPaymentTimeout(Duration.ofMinutes(30));
    }

    protected ShippingSettings shipping() {
        return ShippingSettings.defaults();
    }

    @BeforeEach
    void buildSystem() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS)); // stores keep microseconds
        storage = storage();
        fastPath = openFastPath();
        system = new OrderSystem(storage, fastPath, settings(), shipping(), clock);
    }

    /** The fast path under test: the in-process one; an adapter module returns its own (it may ignore the test's clock). */
    protected FastPath openFastPath() {
        return InMemoryFastPath.create(clock);
    }

    /** Lets the per-cart duplicate window end; a fast path that keeps its own time overrides this. */
    protected void letTheDuplicateWindowPass() {
        clock.advance(settings().duplicateWindow().plusSeconds(1));
    }

    protected static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Money cny(long minor) {
        return Money.of(minor, CNY);
    }

    /** A registered buyer with one address and {@code balance} minor units on the account. */
    protected Buyer newBuyer(long balance) {
        User user = system.registerUser().register(unique("buyer"), "correct horse battery");
        Address address = system.manageAddresses().add(user.id(),
                new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue"));
        if (balance > 0) system.topUpBalance().topUp(user.id(), balance, "test funds");
        return new Buyer(user.id(), address.id().value());
    }

    protected ProductId newProduct(long price, long stock) {
        return system.manageCatalogue().create(new NewProduct(unique("product"), "a test product", price, stock, true)).id();
    }

    protected static OrderLine line(ProductId product, int quantity) {
        return new OrderLine(product.value(), quantity);
    }

    protected Order place(Buyer buyer, PaymentMethod method, OrderLine... lines) {
        return system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(), Arrays.asList(lines),
                buyer.addressId(), method, Optional.of(unique("key"))));
    }

    protected long available(ProductId product) {
        return storage.stock().available(product);
    }

    protected long balance(UserId user) {
        return storage.balances().balance(user).minor();
    }

    protected void assertInvariantsHold() {
        AuditReport report = system.audit().run();
        assertThat(report.violations()).as("DESIGN §7 invariants").isEmpty();
    }

    /** A test buyer: their id and the id of their address. */
    protected record Buyer(UserId userId, long addressId) {
    }
}
