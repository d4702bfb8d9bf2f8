package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.ShippingSettings;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.Shipment;
import dev.ordersystem.core.domain.ShipmentCorrection;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * DESIGN §4.7: an admin marks a paid order as shipped with its carrier and tracking number, and
 * may correct them later while the order is {@code SHIPPED}; every correction is recorded.
 */
public final class ShipOrder {
    private final Transactions transactions;
    private final OrderRepository orders;
    private final LockedTransition transition;
    private final ShipmentRules rules;
    private final Clock clock;

    public ShipOrder(Transactions transactions, OrderRepository orders, Outbox outbox, ShippingSettings settings, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.transition = new LockedTransition(transactions, orders, outbox, clock);
        this.rules = new ShipmentRules(settings);
        this.clock = clock;
    }

    /** @throws dev.ordersystem.core.domain.ValidationFailed (fields {@code carrier}, {@code trackingNumber}) before anything is read */
    public Order ship(OrderNo orderNo, ShipmentDetails details) {
        ShipmentDetails checked = rules.check(details);
        return transition.apply(orderNo,
                order -> order.ship(new Shipment(checked.carrier(), checked.trackingNumber(), clock.instant())));
    }

    /**
     * The rules a carrier and tracking number must keep, alone (a caller that refuses other parts
     * of the request first lists these faults with its own).
     *
     * @throws dev.ordersystem.core.domain.ValidationFailed naming every refused field
     */
    public void check(ShipmentDetails details) {
        rules.check(details);
    }

    /** Replaces a shipped order's carrier and tracking number, recording old → new in the same transaction. */
    public Order correct(OrderNo orderNo, ShipmentDetails details) {
        ShipmentDetails checked = rules.check(details);
        Instant now = clock.instant();
        return transition.apply(orderNo, order -> {
            Order corrected = order.correctShipment(checked.carrier(), checked.trackingNumber());
            orders.recordShipmentCorrection(new ShipmentCorrection(orderNo, order.shipment().carrier(),
                    order.shipment().trackingNumber(), checked.carrier(), checked.trackingNumber(), now));
            return corrected;
        });
    }

    /** The corrections of an order's shipment, oldest first. */
    public List<ShipmentCorrection> corrections(OrderNo orderNo) {
        return transactions.inTransaction(() -> {
            orders.find(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
            return orders.shipmentCorrections(orderNo);
        });
    }
}
