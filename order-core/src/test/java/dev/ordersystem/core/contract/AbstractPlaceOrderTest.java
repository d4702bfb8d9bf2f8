package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.AddressId;
import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.InsufficientBalance;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.ProductUnavailable;
import dev.ordersystem.core.domain.ShippingAddress;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.port.PageRequest;
import dev.ordersystem.core.usecase.order.OrderLine;
import dev.ordersystem.core.usecase.order.PlaceOrderCommand;
import dev.ordersystem.core.usecase.order.PlacedOrder;
import dev.ordersystem.core.usecase.order.ShipmentDetails;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.usecase.order.OrderNumberGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** DESIGN §4.1–4.2: placing orders, and every way a placement is refused with nothing written. */
public abstract class AbstractPlaceOrderTest extends AbstractOrderSystemTest {

    @Test
    void balanceOrderIsPaidAtOnceWithPricesSnapshottedAndJournalled() {
        ProductId tea = newProduct(1_250, 10);
        ProductId cup = newProduct(800, 5);
        Buyer buyer = newBuyer(10_000);

        Order order = place(buyer, PaymentMethod.BALANCE, line(cup, 1), line(tea, 2), line(tea, 1));

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.items()).extracting(OrderItem::productId, OrderItem::quantity, i -> i.unitPrice().minor(), i -> i.lineAmount().minor())
                .containsExactly(tuple(tea, 3, 1_250L, 3_750L),
                        tuple(cup, 1, 800L, 800L));
        assertThat(order.totalAmount()).isEqualTo(cny(4_550));
        assertThat(order.paidAt()).isEqualTo(clock.instant());
        assertThat(order.expiresAt()).isNull();
        assertThat(available(tea)).isEqualTo(7);
        assertThat(available(cup)).isEqualTo(4);
        assertThat(balance(buyer.userId())).isEqualTo(5_450);
        assertThat(storage.balances().journal(buyer.userId()))
                .anySatisfy(e -> {
                    assertThat(e.reason()).isEqualTo(BalanceReason.ORDER_PAYMENT);
                    assertThat(e.reference()).isEqualTo(order.orderNo().value());
                    assertThat(e.delta()).isEqualTo(cny(-4_550));
                });
        assertThat(storage.orders().find(order.orderNo())).contains(order);
        assertInvariantsHold();
    }

    @Test
    void externalOrderWaitsForPaymentUntilTheTimeoutAndQueuesItsExpiry() {
        ProductId tea = newProduct(1_000, 10);
        Buyer buyer = newBuyer(0);

        Order order = place(buyer, PaymentMethod.WECHAT, line(tea, 2));

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(available(tea)).isEqualTo(8);
        assertThat(fastPath.scheduler().claimDue(order.expiresAt(), 10, Duration.ofSeconds(30)))
                .anySatisfy(job -> assertThat(job.orderNo()).isEqualTo(order.orderNo()));
        assertInvariantsHold();
    }

    @Test
    void catalogueChangesAfterPlacementDoNotChangeTheOrder() {
        ProductId tea = newProduct(1_000, 10);
        Buyer buyer = newBuyer(0);
        Order order = place(buyer, PaymentMethod.ALIPAY, line(tea, 1));

        system.manageCatalogue().update(tea, ProductChangesFixture.price(9_999));

        assertThat(storage.orders().find(order.orderNo()).orElseThrow().items().getFirst().unitPrice()).isEqualTo(cny(1_000));
    }

    @Test
    void insufficientStockNamesTheProductAndWritesNothing() {
        ProductId plenty = newProduct(100, 10);
        ProductId scarce = newProduct(100, 1);
        Buyer buyer = newBuyer(10_000);

        assertThatThrownBy(() -> place(buyer, PaymentMethod.BALANCE, line(plenty, 1), line(scarce, 2)))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
                    assertThat(e.productId()).isEqualTo(scarce);
                    assertThat(e.getMessage()).contains(scarce.toString());
                });
        assertNothingWritten(buyer, 10_000, plenty, 10, scarce, 1);
    }

    @Test
    void insufficientBalanceWritesNothing() {
        ProductId tea = newProduct(5_000, 10);
        Buyer buyer = newBuyer(4_999);

        assertThatThrownBy(() -> place(buyer, PaymentMethod.BALANCE, line(tea, 1)))
                .isInstanceOfSatisfying(InsufficientBalance.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE));
        assertNothingWritten(buyer, 4_999, tea, 10, tea, 10);
    }

    @Test
    void missingOrOffSaleProductIsRefused() {
        ProductId tea = newProduct(100, 10);
        ProductId offSale = newProduct(100, 10);
        system.manageCatalogue().update(offSale, ProductChangesFixture.onSale(false));
        Buyer buyer = newBuyer(10_000);

        assertThatThrownBy(() -> place(buyer, PaymentMethod.BALANCE, line(tea, 1), line(offSale, 1)))
                .isInstanceOfSatisfying(ProductUnavailable.class, e -> assertThat(e.productId()).isEqualTo(offSale));
        assertThatThrownBy(() -> place(buyer, PaymentMethod.BALANCE, line(tea, 1), line(new ProductId(987_654_321L), 1)))
                .isInstanceOfSatisfying(ProductUnavailable.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_UNAVAILABLE));
        assertNothingWritten(buyer, 10_000, tea, 10, offSale, 10);
    }

    @Test
    void badInputNamesEachFieldAndWritesNothing() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(10_000);
        PlaceOrderCommand bad = new PlaceOrderCommand(buyer.userId(),
                List.of(new OrderLine(-1, 1), new OrderLine(tea.value(), 0), new OrderLine(tea.value(), 1_000)),
                0L, null, Optional.of("key with spaces"));

        assertThatThrownBy(() -> system.placeOrder().placeOrder(bad))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .contains("items[0].productId", "items[1].quantity", "items[2].quantity", "addressId",
                                "paymentMethod", "Idempotency-Key"));
        assertNothingWritten(buyer, 10_000, tea, 10, tea, 10);
    }

    @Test
    void cartSizeAndMergedQuantityAreBounded() {
        ProductId tea = newProduct(100, 5_000);
        Buyer buyer = newBuyer(0);
        List<OrderLine> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) tooMany.add(line(tea, 1));

        assertThatThrownBy(() -> place(buyer, PaymentMethod.WECHAT, tooMany.toArray(OrderLine[]::new)))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field").contains("items"));
        assertThatThrownBy(() -> place(buyer, PaymentMethod.WECHAT, line(tea, 600), line(tea, 600)))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field").contains("items"));
        assertThatThrownBy(() -> place(buyer, PaymentMethod.WECHAT))
                .isInstanceOf(ValidationFailed.class);
        assertThat(available(tea)).isEqualTo(5_000);
    }

    @Test
    void anotherUsersAddressIsRefused() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(0);
        Buyer other = newBuyer(0);

        assertThatThrownBy(() -> system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(),
                List.of(line(tea, 1)), other.addressId(), PaymentMethod.WECHAT, Optional.empty())))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).extracting("field").containsExactly("addressId"));
        assertThat(available(tea)).isEqualTo(10);
    }

    @Test
    void anOrderWithoutAnAddressGoesToTheDefaultAndKeepsEveryPart() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(0);
        ShippingAddress office = new ShippingAddress("王小明", "+86 10 1234 5679", "北京市 朝阳区", "建国路 88 号",
                "北京市", "北京市", "朝阳区", "100022");
        system.manageAddresses().add(buyer.userId(), office, true);

        Order order = system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 1)), null,
                PaymentMethod.WECHAT, Optional.of(unique("key"))));

        assertThat(order.shippingAddress()).isEqualTo(office);
        assertThat(storage.orders().find(order.orderNo()).orElseThrow().shippingAddress()).isEqualTo(office);
        Order named = system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 2)),
                buyer.addressId(), PaymentMethod.WECHAT, Optional.of(unique("key"))));
        assertThat(storage.orders().find(named.orderNo()).orElseThrow().shippingAddress())
                .isEqualTo(new ShippingAddress("Li Lei", "+86 138 0000 0000", "Shanghai", "1 Century Avenue"));
    }

    @Test
    void anOrderWithoutAnAddressIsRefusedNamingAddressIdWhenTheUserHasNone() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(1_000);
        system.manageAddresses().remove(buyer.userId(), new AddressId(buyer.addressId()));

        assertThatThrownBy(() -> system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 1)),
                null, PaymentMethod.BALANCE, Optional.of(unique("key")))))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors())
                        .containsExactly(FieldError.of("addressId", FieldFault.NO_DEFAULT_ADDRESS)));
        assertNothingWritten(buyer, 1_000, tea, 10, tea, 10);
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheSameOrder() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(1_000);
        PlaceOrderCommand command = new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 2)), buyer.addressId(),
                PaymentMethod.BALANCE, Optional.of("checkout-42"));

        Order first = system.placeOrder().placeOrder(command);
        Order again = system.placeOrder().placeOrder(command);
        clock.advance(Duration.ofMinutes(5));
        system.shipOrder().ship(first.orderNo(), new ShipmentDetails("SF", "SF1234567890"));
        PlacedOrder afterShipping = system.placeOrder().place(command);

        assertThat(again).isEqualTo(first);
        assertThat(afterShipping.origin()).isEqualTo(PlacedOrder.Origin.REPLAYED);
        assertThat(afterShipping.order()).isEqualTo(first); // as placed: PAID, not SHIPPED
        assertThat(storage.orders().find(first.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(available(tea)).isEqualTo(8);
        assertThat(balance(buyer.userId())).isEqualTo(800);
        assertInvariantsHold();
    }

    @Test
    void aReplayAnswersTheOrderAsItsPlacementDidAfterItWasPaidOtherwiseOrCancelled() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(1_000);
        PlaceOrderCommand paidLater = new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 1)), buyer.addressId(),
                PaymentMethod.WECHAT, Optional.of("checkout-paid-later"));
        PlaceOrderCommand cancelledLater = new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 2)), buyer.addressId(),
                PaymentMethod.ALIPAY, Optional.of("checkout-cancelled-later"));
        Order toPay = system.placeOrder().placeOrder(paidLater);
        Order toCancel = system.placeOrder().placeOrder(cancelledLater);

        clock.advance(Duration.ofMinutes(1));
        Order paid = system.payByBalance().pay(buyer.userId(), toPay.orderNo()); // a WECHAT order paid from the balance
        system.cancelOrder().cancelByUser(buyer.userId(), toCancel.orderNo());
        PlacedOrder replayedPaid = system.placeOrder().place(paidLater);
        PlacedOrder replayedCancelled = system.placeOrder().place(cancelledLater);

        assertThat(paid.paymentMethod()).isEqualTo(PaymentMethod.BALANCE);
        assertThat(replayedPaid.origin()).isEqualTo(PlacedOrder.Origin.REPLAYED);
        assertThat(replayedPaid.order()).isEqualTo(toPay);
        assertThat(replayedCancelled.order()).isEqualTo(toCancel);
        assertThat(storage.orders().find(toPay.orderNo())).contains(paid); // the replay changes nothing
        assertThat(storage.orders().find(toCancel.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(balance(buyer.userId())).isEqualTo(900);
        assertInvariantsHold();
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefused() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(1_000);
        system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 2)), buyer.addressId(),
                PaymentMethod.BALANCE, Optional.of("checkout-7")));

        assertThatThrownBy(() -> system.placeOrder().placeOrder(new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 3)),
                buyer.addressId(), PaymentMethod.BALANCE, Optional.of("checkout-7"))))
                .isInstanceOfSatisfying(DuplicateSubmission.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_SUBMISSION));
        assertThat(available(tea)).isEqualTo(8);
    }

    @Test
    void sameCartWithoutKeyWithinTheWindowIsRefusedAndAllowedAfterIt() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(0);
        PlaceOrderCommand command = new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 1)), buyer.addressId(),
                PaymentMethod.WECHAT, Optional.empty());

        system.placeOrder().placeOrder(command);
        assertThatThrownBy(() -> system.placeOrder().placeOrder(command)).isInstanceOf(DuplicateSubmission.class);
        letTheDuplicateWindowPass();
        system.placeOrder().placeOrder(command);

        assertThat(available(tea)).isEqualTo(8);
    }

    @Test
    void aRefusedCartCanBeSentAgainAtOnce() {
        ProductId tea = newProduct(100, 10);
        Buyer buyer = newBuyer(50);
        PlaceOrderCommand command = new PlaceOrderCommand(buyer.userId(), List.of(line(tea, 1)), buyer.addressId(),
                PaymentMethod.BALANCE, Optional.empty());
        assertThatThrownBy(() -> system.placeOrder().placeOrder(command)).isInstanceOf(InsufficientBalance.class);

        system.topUpBalance().topUp(buyer.userId(), 50, "more funds");

        assertThat(system.placeOrder().placeOrder(command).status()).isEqualTo(OrderStatus.PAID);
    }

    private void assertNothingWritten(Buyer buyer, long balance, ProductId a, long stockA, ProductId b, long stockB) {
        assertThat(balance(buyer.userId())).isEqualTo(balance);
        assertThat(available(a)).isEqualTo(stockA);
        assertThat(available(b)).isEqualTo(stockB);
        assertThat(system.viewOrders().own(buyer.userId(), Optional.empty(), PageRequest.first(10)).items()).isEmpty();
        assertInvariantsHold();
    }

    @Test
    void twoInstancesGivenOneNodeIdRetryATakenNumberAndNeverAnswerAnotherBuyersOrder() {
        ProductId tea = newProduct(1_000, 10);
        Buyer early = newBuyer(0);
        Buyer late = newBuyer(0);
        // A second instance started with the same ORDER_NODE_ID on the same store: at the same millisecond
        // its generator makes the same numbers, and only the order number's unique index tells.
        OrderSystem twin = new OrderSystem(storage, fastPath, settings(), clock);
        Order first = place(early, PaymentMethod.WECHAT, line(tea, 1));
        Order second = place(early, PaymentMethod.ALIPAY, line(tea, 1));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger numbers = (Logger) LoggerFactory.getLogger(OrderNumberGenerator.class);
        log.start();
        numbers.addAppender(log);
        Order theirs;
        try {
            theirs = twin.placeOrder().placeOrder(new PlaceOrderCommand(late.userId(), List.of(line(tea, 2)), late.addressId(),
                    PaymentMethod.WECHAT, Optional.of(unique("key"))));
        } finally {
            numbers.detachAppender(log);
        }

        assertThat(theirs.userId()).isEqualTo(late.userId());
        assertThat(theirs.orderNo()).isNotIn(first.orderNo(), second.orderNo());
        assertThat(storage.orders().find(theirs.orderNo())).contains(theirs);
        assertThat(storage.orders().find(first.orderNo()).orElseThrow().userId()).isEqualTo(early.userId());
        assertThat(log.list).as("two clashes, one loud line naming the node id").singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("node id " + settings().nodeId()).contains("ORDER_NODE_ID");
        });
        assertThat(available(tea)).isEqualTo(6);
        assertInvariantsHold();
    }
}
