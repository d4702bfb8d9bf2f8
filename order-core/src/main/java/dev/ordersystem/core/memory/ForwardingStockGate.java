package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.port.StockGate;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A stock gate in front of another that passes every call on: the base of the per-instance
 * layers over the shared gate ({@link SoldOutMemo}, {@link GateCountCopy}) and of test doubles,
 * which override only the calls they change.
 */
public abstract class ForwardingStockGate implements StockGate {
    /** The gate behind this one. */
    protected final StockGate gate;

    protected ForwardingStockGate(StockGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public Admission admit(OrderNo holder, List<StockLine> lines, Duration lease) {
        return gate.admit(holder, lines, lease);
    }

    @Override
    public void settle(OrderNo holder) {
        gate.settle(holder);
    }

    @Override
    public void settleAll(List<OrderNo> holders) {
        gate.settleAll(holders);
    }

    @Override
    public void giveBack(OrderNo holder) {
        gate.giveBack(holder);
    }

    @Override
    public void restock(List<StockLine> lines) {
        gate.restock(lines);
    }

    @Override
    public Optional<Recount> beginRecount(ProductId product, Duration freeze) {
        return gate.beginRecount(product, freeze);
    }

    @Override
    public int holdsInFlight(ProductId product) {
        return gate.holdsInFlight(product);
    }

    @Override
    public boolean finishRecount(Recount recount, long available) {
        return gate.finishRecount(recount, available);
    }

    @Override
    public void abandonRecount(Recount recount) {
        gate.abandonRecount(recount);
    }

    @Override
    public List<OrderNo> expiredHolds(int limit) {
        return gate.expiredHolds(limit);
    }

    @Override
    public Set<ProductId> countedProducts() {
        return gate.countedProducts();
    }

    @Override
    public OptionalLong count(ProductId product) {
        return gate.count(product);
    }

    @Override
    public Map<ProductId, Long> counts(Collection<ProductId> products) {
        return gate.counts(products);
    }
}
