package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Tells the stock gate about units the database got back (cancel, expiry, refund, adjustment),
 * after the commit. A gate that cannot be told counts too few until its next re-count.
 */
public final class Restock {
    private static final Logger log = LoggerFactory.getLogger(Restock.class);

    private final StockGate gate;

    public Restock(StockGate gate) {
        this.gate = gate;
    }

    public void returned(List<StockLine> lines) {
        if (lines.isEmpty()) return;
        try {
            gate.restock(lines);
        } catch (RuntimeException e) {
            log.warn("stock gate not told of {} returned; the next re-count restores it: {}", lines, e.toString());
        }
    }
}
