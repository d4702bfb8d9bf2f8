package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Keeps the stock gate honest after crashes and lost updates: a hold whose lease ended (its
 * instance died between admission and the end of the placement) is settled when its order exists
 * and given back when it does not; and every counted product is re-counted from the database now
 * and then, which restores units a lost restock left out. {@link #endStrandedHolds()} and
 * {@link #recountAll()} are public so tests drive them step by step.
 */
public final class StockGateKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StockGateKeeper.class);
    private static final int STRANDED_BATCH = 100;
    private static final int MAX_BATCHES = 100;

    private final Storage storage;
    private final StockGate gate;
    private final StockRecount recount;
    private final OrderSettings settings;
    private final PeriodicDuty duty = new PeriodicDuty("order-stock-gate", log);

    public StockGateKeeper(Storage storage, StockGate gate, StockRecount recount, OrderSettings settings) {
        this.storage = storage;
        this.gate = gate;
        this.recount = recount;
        this.settings = settings;
    }

    /** Starts both duties on one background thread. */
    public void start() {
        Duration check = settings.gateCheckInterval();
        Duration recountEvery = settings.gateRecountInterval();
        duty.start(new PeriodicDuty.Step("stock gate stranded holds step", check, check, this::endStrandedHolds),
                new PeriodicDuty.Step("stock gate re-count step", recountEvery, recountEvery, this::recountAll));
    }

    /** Settles or gives back every hold whose lease ended; returns how many. */
    public int endStrandedHolds() {
        int ended = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<OrderNo> stranded = gate.expiredHolds(STRANDED_BATCH);
            if (stranded.isEmpty()) break;
            for (OrderNo orderNo : stranded) {
                // Read after the lease: a placement still running that long commits too late to matter —
                // the units given back are then counted twice until the next re-count (too many, never too few).
                boolean placed = storage.transactions().inTransaction(() -> storage.orders().find(orderNo)).isPresent();
                if (placed) gate.settle(orderNo);
                else gate.giveBack(orderNo);
                ended++;
            }
        }
        if (ended > 0) log.info("stock gate: ended {} stranded holds", ended);
        return ended;
    }

    /** Re-counts every product the gate counts; returns how many re-counts applied. */
    public int recountAll() {
        int applied = 0;
        for (ProductId product : gate.countedProducts()) {
            if (recount.recount(product)) applied++;
        }
        return applied;
    }

    /** Stops the background thread, letting a running step finish. */
    @Override
    public void close() {
        duty.close();
    }
}
