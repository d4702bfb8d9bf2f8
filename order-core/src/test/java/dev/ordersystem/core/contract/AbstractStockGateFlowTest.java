package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.usecase.order.OrderLine;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN §11's hot-product path through the use cases: the stock gate answers sold-out carts
 * without a transaction, follows cancels and adjustments, recovers from placements that crashed
 * between gate and database, and re-counts when it let through units the database lacked;
 * placements written in groups keep every buyer's own answer.
 */
public abstract class AbstractStockGateFlowTest extends AbstractOrderSystemTest {

    /** Lets a stock-gate lease of {@link #settings()} end; a gate that keeps its own time overrides this. */
    protected void letTheGateLeasePass() {
        clock.advance(settings().gateLease().plusSeconds(1));
    }

    private StockGate gate() {
        return fastPath.gate();
    }

    @Test
    void theFirstPlacementPrimesTheGateAndEachOrderTakesFromIt() {
        ProductId product = newProduct(100, 10);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 3));

        assertThat(gate().count(product)).hasValue(7);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 2));
        assertThat(gate().count(product)).hasValue(5);
        assertThat(gate().holdsInFlight(product)).isZero();
        assertThat(available(product)).isEqualTo(5);
    }

    @Test
    void soldOutCartsAreAnsweredWithoutATransaction() {
        ProductId product = newProduct(100, 2);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 2));
        Buyer late = newBuyer(0);
        AtomicInteger transactions = countTransactions();

        // Without an Idempotency-Key: with one, the key is first looked up in the database (a replay answers the order).
        assertThatThrownBy(() -> system.placeOrder().placeOrder(new PlaceOrderCommand(late.userId(),
                List.of(line(product, 1)), late.addressId(), PaymentMethod.WECHAT, Optional.empty())))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.productId()).isEqualTo(product));

        assertThat(transactions).hasValue(0);
        assertThat(gate().holdsInFlight(product)).isZero();
        assertInvariantsHold();
    }

    @Test
    void aCancelGivesTheUnitsBackToTheGate() {
        ProductId product = newProduct(100, 4);
        Buyer buyer = newBuyer(0);
        Order order = place(buyer, PaymentMethod.WECHAT, line(product, 4));
        assertThat(gate().count(product)).hasValue(0);

        system.cancelOrder().cancelByUser(buyer.userId(), order.orderNo());
        system.cancelOrder().cancelByUser(buyer.userId(), order.orderNo()); // idempotent: counted once

        assertThat(gate().count(product)).hasValue(4);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 4));
    }

    @Test
    void anAdjustmentIsTakenFromTheDatabase() {
        ProductId product = newProduct(100, 4);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 1));

        system.manageCatalogue().adjustStock(product, 10, "delivery");
        assertThat(gate().count(product)).hasValue(13);
        system.manageCatalogue().adjustStock(product, -12, "damaged");
        assertThat(gate().count(product)).hasValue(1);
    }

    @Test
    void unitsAnAdminAddsReachTheGateEvenWhenItsRecountCannotWaitOutAPlacementInFlight() {
        ProductId product = newProduct(100, 4);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 1));
        // A placement in flight (admitted, not yet ended): the adjustment's re-count cannot drain it.
        OrderNo inFlight = new OrderNo("98" + System.nanoTime());
        gate().admit(inFlight, List.of(new StockLine(product, 1)), settings().gateLease());
        assertThat(gate().count(product)).hasValue(2);

        system.manageCatalogue().adjustStock(product, 10, "delivery during a sale");

        assertThat(gate().count(product)).as("sellable at once, not after the periodic re-count").hasValue(12);
        gate().giveBack(inFlight);
        assertThat(gate().count(product)).hasValue(13);
        assertThat(available(product)).isEqualTo(13);
    }

    @Test
    void aHoldStrandedBeforeItsOrderWasWrittenComesBack() {
        ProductId product = newProduct(100, 5);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 1));
        // An instance admitted 3 units and died before its transaction: no order, a hold with a lease.
        OrderNo crashed = new OrderNo("99" + System.nanoTime());
        gate().admit(crashed, List.of(new StockLine(product, 3)), settings().gateLease());
        assertThat(gate().count(product)).hasValue(1);

        letTheGateLeasePass();
        assertThat(system.stockGateKeeper().endStrandedHolds()).isGreaterThanOrEqualTo(1);

        assertThat(gate().count(product)).hasValue(4);
        assertThat(gate().holdsInFlight(product)).isZero();
        assertThat(available(product)).isEqualTo(4);
    }

    @Test
    void aHoldStrandedAfterItsOrderWasCommittedIsSettled() {
        ProductId product = newProduct(100, 5);
        Order placed = place(newBuyer(0), PaymentMethod.WECHAT, line(product, 1));
        // The same order number held again and never settled: as if the instance died after the commit.
        gate().admit(placed.orderNo(), List.of(new StockLine(product, 2)), settings().gateLease());

        letTheGateLeasePass();
        system.stockGateKeeper().endStrandedHolds();

        assertThat(gate().count(product)).hasValue(2); // the 2 units stay taken: the order exists
        assertThat(gate().holdsInFlight(product)).isZero();
    }

    @Test
    void whenTheGateCountsTooMuchTheDatabaseRefusesAndTheGateIsRecounted() {
        ProductId product = newProduct(100, 3);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 1));
        gate().restock(List.of(new StockLine(product, 5))); // a restock the database never saw

        assertThatThrownBy(() -> place(newBuyer(0), PaymentMethod.WECHAT, line(product, 6)))
                .isInstanceOf(InsufficientStock.class);

        // The re-count runs in the background, off the buyer's request.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gate().count(product).orElse(-1) != 2 && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(gate().count(product)).hasValue(2);
        assertThat(available(product)).isEqualTo(2);
    }

    @Test
    void aPeriodicRecountRestoresUnitsTheGateLost() {
        ProductId product = newProduct(100, 6);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 1));
        OrderNo lost = new OrderNo("98" + System.nanoTime());
        gate().admit(lost, List.of(new StockLine(product, 4)), settings().gateLease());
        gate().settle(lost); // units taken from the gate only: it now counts 4 too few
        assertThat(gate().count(product)).hasValue(1);

        assertThat(system.stockGateKeeper().recountAll()).isGreaterThanOrEqualTo(1);

        assertThat(gate().count(product)).hasValue(5);
    }

    @Test
    void placementsWrittenTogetherKeepTheirOwnAnswers() throws InterruptedException {
        ProductId product = newProduct(100, 50);
        place(newBuyer(0), PaymentMethod.WECHAT, line(product, 1));
        // Ample stock (more than all 40 buyers), so that every bad address is refused for its address, never because
        // the units its own hold kept for a moment made the gate answer sold out to another buyer.
        List<Callable<Order>> buyers = new ArrayList<>();
        Buyer previous = newBuyer(0);
        for (int i = 0; i < 40; i++) {
            Buyer buyer = newBuyer(i % 2 == 0 ? 10_000 : 0);
            // Some bad addresses: one that does not exist, one of another buyer's; some orders go to the default.
            Long addressId = switch (i % 10) {
                case 3 -> buyer.addressId() + 1_000_000;
                case 7 -> previous.addressId();
                case 5 -> null;
                default -> buyer.addressId();
            };
            previous = buyer;
            PaymentMethod method = i % 2 == 0 ? PaymentMethod.BALANCE : PaymentMethod.ALIPAY;
            buyers.add(() -> system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(),
                    List.of(new OrderLine(product.value(), 1)), addressId, method, Optional.of(unique("key")))));
        }

        List<Race.Result<Order>> results = Race.run(40, buyers, Duration.ofSeconds(60));

        assertThat(results).filteredOn(r -> !r.succeeded()).extracting(Race.Result::error)
                .hasSize(8).allSatisfy(error -> assertThat(error).isInstanceOf(ValidationFailed.class));
        assertThat(results).filteredOn(Race.Result::succeeded).hasSize(32)
                .allSatisfy(r -> assertThat(storage.orders().find(r.value().orderNo())).contains(r.value()));
        assertThat(available(product)).isEqualTo(17);
        assertThat(gate().count(product)).hasValue(17);
        // The first buyer's order and the 32 that were written; refused placements committed nothing.
        assertThat(system.placeOrder().placementsWritten()).isEqualTo(33);
        assertThat(system.placeOrder().placementTransactions()).isBetween(2L, 33L);
        assertThat(gate().holdsInFlight(product)).isZero();
        assertInvariantsHold();
    }

    /** Counts transactions opened from now on, by wrapping the store's boundary seen by a new system. */
    private AtomicInteger countTransactions() {
        AtomicInteger opened = new AtomicInteger();
        Transactions real = storage.transactions();
        Transactions counting = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                opened.incrementAndGet();
                return real.inTransaction(work);
            }
        };
        Storage counted = new Storage(counting, storage.orders(), storage.stock(), storage.balances(), storage.catalogue(),
                storage.payments(), storage.users(), storage.tokens(), storage.addresses(), storage.audit(), storage.outbox(),
                storage.webhooks());
        system = new OrderSystem(counted, fastPath, settings(), clock);
        return opened;
    }
}
