package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.IdempotencyKeyTaken;
import dev.ordersystem.core.domain.InsufficientStock;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderNumberTaken;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.IdempotencyGuard;
import dev.ordersystem.core.port.IdempotencyGuard.Lease;
import dev.ordersystem.core.port.StockGate.Admission;
import dev.ordersystem.core.port.Storage;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DESIGN §4.1–4.2: places an order in one transaction — stock rows locked in ascending product
 * id, balance row for BALANCE, prices snapshotted from the catalogue — guarded against duplicate
 * submission by the idempotency key (stored with the order) or, without one, by a short
 * per-cart guard. In front of the database the stock gate answers sold-out carts (DESIGN §11);
 * behind it placements are written in groups.
 */
public final class PlaceOrder {
    /** Placements tried with fresh numbers when the number is taken (two instances with one node id). */
    static final int NUMBER_ATTEMPTS = 3;

    private final Storage storage;
    private final IdempotencyGuard guard;
    private final GateAdmission gate;
    private final PlacementWriter writer;
    private final RecountRequests recounts;
    private final ExpiryJobs expiryJobs;
    private final OrderNumberGenerator numbers;
    private final OrderSettings settings;

    public PlaceOrder(Storage storage, IdempotencyGuard guard, GateAdmission gate, StockRecount recount,
                      ExpiryJobs expiryJobs, OrderNumberGenerator numbers, OrderSettings settings, Clock clock) {
        this.storage = storage;
        this.guard = guard;
        this.gate = gate;
        this.recounts = new RecountRequests(recount);
        this.expiryJobs = expiryJobs;
        this.numbers = numbers;
        this.settings = settings;
        // After the commit, one gate call and one queue call per group (on the group's answer thread), not one per buyer.
        this.writer = new PlacementWriter(storage.transactions(), new PlacementTransaction(storage, settings, clock),
                settings.placementGroupSize(), settings.placementWriters(), orders -> afterCommit(orders, gate, expiryJobs));
    }

    /** Two independent round trips (gate, delay queue) made side by side: the buyers wait for the longer one only. */
    private static void afterCommit(List<Order> orders, GateAdmission gate, ExpiryJobs expiryJobs) {
        Thread queueing = Thread.ofVirtual().name("order-expiry-jobs").start(() -> expiryJobs.scheduleAll(orders));
        gate.settleAll(orders.stream().map(Order::orderNo).toList());
        try {
            queueing.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Order placeOrder(PlaceOrderCommand command) {
        return place(command).order();
    }

    /** As {@link #placeOrder}, telling a written order from one replayed for its {@code Idempotency-Key}. */
    public PlacedOrder place(PlaceOrderCommand command) {
        Cart cart = Cart.of(command);
        String fingerprint = cart.fingerprint(command);
        Optional<String> key = command.idempotencyKey();
        if (key.isPresent()) {
            Optional<Order> earlier = replay(command.userId(), key.get(), fingerprint);
            if (earlier.isPresent()) return PlacedOrder.replayed(earlier.get(), command);
        }
        // A taken number is another instance with our node id, not the buyer's doing: a fresh number, a few times.
        for (int attempt = 1; ; attempt++) {
            try {
                return placeNew(command, cart, fingerprint);
            } catch (OrderNumberTaken clash) {
                numbers.clashed(clash.orderNo());
                if (attempt == NUMBER_ATTEMPTS) throw clash;
            }
        }
    }

    private PlacedOrder placeNew(PlaceOrderCommand command, Cart cart, String fingerprint) {
        Optional<String> key = command.idempotencyKey();
        // The gate first: a sold-out cart costs one Redis script and nothing else (DESIGN §11, P2).
        OrderNo orderNo = numbers.next();
        Admission admission = gate.admit(orderNo, cart.lines());
        // The gate's refusal knows neither the name nor the count (one script, nothing else): the caller may ask the catalogue.
        if (admission instanceof Admission.SoldOut soldOut) throw InsufficientStock.unnamed(soldOut.product());
        Set<ProductId> toRecount = new LinkedHashSet<>();
        if (admission instanceof Admission.Held held) toRecount.addAll(held.uncounted());
        Optional<Lease> submitGuard = Optional.empty();
        try {
            submitGuard = key.isPresent() ? Optional.empty() : takeSubmitGuard(command.userId(), fingerprint);
            return PlacedOrder.written(writer.write(new Placement(orderNo, command, cart, fingerprint))); // settled and queued by the writer
        } catch (RuntimeException refused) {
            gate.giveBack(orderNo);
            if (refused instanceof InsufficientStock shortInDatabase && admission instanceof Admission.Held) {
                toRecount.add(shortInDatabase.productId()); // the gate let through units the database does not have
            }
            if (refused instanceof IdempotencyKeyTaken raced) {
                return PlacedOrder.replayed(replay(command.userId(), key.orElseThrow(), fingerprint).orElseThrow(() -> raced), command);
            }
            submitGuard.ifPresent(guard::release); // nothing was written: the cart may be sent again
            throw refused;
        } finally {
            // After this placement's hold ended (a re-count waits for holds), and off the buyer's request.
            recounts.request(toRecount);
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
