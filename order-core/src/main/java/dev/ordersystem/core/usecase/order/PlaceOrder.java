package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.IdempotencyKeyTaken;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNumberTaken;
import dev.ordersystem.core.port.OrderRepository;

import java.util.Optional;

/**
 * DESIGN §4.1–4.2: places an order in one transaction — stock rows locked in ascending product
 * id, balance row for BALANCE, prices snapshotted from the catalogue — guarded against duplicate
 * submission by the idempotency key (stored with the order) or, without one, by a short
 * per-cart guard. In front of the database the stock gate answers sold-out carts (DESIGN §11);
 * behind it placements are written alone or in groups.
 */
public final class PlaceOrder {
    /** Placements tried with fresh numbers when the number is taken (two instances with one node id). */
    static final int NUMBER_ATTEMPTS = 3;

    private final OrderRepository orders;
    private final GateAdmission gate;
    private final PlacementWriter writer;
    private final OrderNumberGenerator numbers;

    public PlaceOrder(OrderRepository orders, GateAdmission gate, PlacementWriter writer, OrderNumberGenerator numbers) {
        this.orders = orders;
        this.gate = gate;
        this.writer = writer;
        this.numbers = numbers;
    }

    public Order placeOrder(PlaceOrderCommand command) {
        return place(command).order();
    }

    /** As {@link #placeOrder}, telling a written order from one replayed for its {@code Idempotency-Key}. */
    public PlacedOrder place(PlaceOrderCommand command) {
        Cart cart = Cart.of(command);
        String fingerprint = cart.fingerprint(command);
        Optional<Order> earlier = replay(command, fingerprint);
        if (earlier.isPresent()) return PlacedOrder.replayed(earlier.get(), command);
        for (int attempt = 1; ; attempt++) {
            // Sold out or the same cart again: refused here, before any transaction.
            Placement placement = gate.admit(numbers.next(), command, cart, fingerprint);
            try {
                return PlacedOrder.written(writer.write(placement)); // the writer settles or gives back the hold
            } catch (IdempotencyKeyTaken raced) { // the same key's placement committed first: its order is the answer
                return PlacedOrder.replayed(replay(command, fingerprint).orElseThrow(() -> raced), command);
            } catch (OrderNumberTaken clash) {
                // Another instance with our node id, not the buyer's doing: a fresh number, a few times.
                numbers.clashed(clash.orderNo());
                if (attempt == NUMBER_ATTEMPTS) throw clash;
            }
        }
    }

    /** Placement transactions committed by this instance since start (one per group or lone placement). */
    public long placementTransactions() {
        return writer.transactionsCommitted();
    }

    /** Orders those transactions wrote: divided by {@link #placementTransactions}, the average group size. */
    public long placementsWritten() {
        return writer.ordersWritten();
    }

    /** The order stored with the command's {@code Idempotency-Key}, if any; the same key with another body is refused. */
    private Optional<Order> replay(PlaceOrderCommand command, String fingerprint) {
        Optional<String> key = command.idempotencyKey();
        if (key.isEmpty()) return Optional.empty();
        return orders.findByIdempotencyKey(command.userId(), key.get()).map(earlier -> {
            if (!fingerprint.equals(earlier.requestFingerprint())) {
                throw new DuplicateSubmission("Idempotency-Key " + key.get() + " was used for a different request");
            }
            return earlier;
        });
    }
}
