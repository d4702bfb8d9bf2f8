package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;
import dev.ordersystem.core.port.StockGate.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The placement's side of the stock gate: admission (waiting out a re-count), settle and give
 * back. A gate that fails lets the placement through to the database, which decides alone.
 */
public final class GateAdmission {
    private static final Logger log = LoggerFactory.getLogger(GateAdmission.class);
    /** A re-count freezes a product for at most {@link StockRecount#FREEZE}; waiting longer means something is wrong. */
    private static final long RECOUNT_WAIT_NANOS = StockRecount.FREEZE.plusSeconds(1).toNanos();

    private final StockGate gate;
    private final Duration lease;

    public GateAdmission(StockGate gate, Duration lease) {
        this.gate = gate;
        this.lease = lease;
    }

    Admission admit(OrderNo orderNo, List<StockLine> lines) {
        long deadline = System.nanoTime() + RECOUNT_WAIT_NANOS;
        try {
            Admission admission = gate.admit(orderNo, lines, lease);
            // A re-count waits for the placements in flight (a few ms); back off so waiting buyers do not crowd the gate.
            for (long pause = 2; admission instanceof Admission.Recounting && System.nanoTime() < deadline;
                 pause = Math.min(pause * 2, 25)) {
                Thread.sleep(pause);
                admission = gate.admit(orderNo, lines, lease);
            }
            return admission instanceof Admission.Recounting ? new Admission.Bypassed() : admission;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Admission.Bypassed();
        } catch (RuntimeException e) {
            log.warn("stock gate admission of order {} failed; the database decides alone: {}", orderNo, e.toString());
            return new Admission.Bypassed();
        }
    }

    void settle(OrderNo orderNo) {
        try {
            gate.settle(orderNo);
        } catch (RuntimeException e) {
            log.warn("stock gate hold of order {} not settled; its lease will end it: {}", orderNo, e.toString());
        }
    }

    void settleAll(List<OrderNo> orderNos) {
        try {
            gate.settleAll(orderNos);
        } catch (RuntimeException e) {
            log.warn("stock gate holds of {} orders not settled; their leases will end them: {}", orderNos.size(), e.toString());
        }
    }

    void giveBack(OrderNo orderNo) {
        try {
            gate.giveBack(orderNo);
        } catch (RuntimeException e) {
            log.warn("stock gate hold of order {} not given back; its lease will end it: {}", orderNo, e.toString());
        }
    }
}
