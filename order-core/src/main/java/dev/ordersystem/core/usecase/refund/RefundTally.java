package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundLine;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.StockReturn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an order's refunds add up to (DESIGN §14). Money: the order refunds not FAILED count (a
 * failed one left the money with the shop). Quantities: every order refund counts, failed or not,
 * because its stock decision was taken when it was recorded. Late-payment refunds give back
 * another payment and count for neither.
 */
public final class RefundTally {
    private final Order order;
    private final Money refunded;
    private final Map<ProductId, Integer> refundedUnits = new TreeMap<>();
    private final Map<ProductId, Integer> restockedUnits = new TreeMap<>();

    private RefundTally(Order order, List<Refund> refunds) {
        this.order = order;
        Money sum = Money.zero(order.payAmount().currency());
        for (Refund refund : refunds) {
            if (refund.purpose() != RefundPurpose.ORDER) continue;
            if (refund.state() != RefundState.FAILED) sum = sum.plus(refund.amount());
            for (RefundLine line : refund.lines()) {
                refundedUnits.merge(line.productId(), line.quantity(), Integer::sum);
                if (refund.stockReturn() == StockReturn.RESTOCK) restockedUnits.merge(line.productId(), line.quantity(), Integer::sum);
            }
        }
        this.refunded = sum;
    }

    public static RefundTally of(Order order, List<Refund> refunds) {
        return new RefundTally(order, refunds);
    }

    /** Σ of the order's refunds that are PENDING or SUCCEEDED. */
    public Money refunded() {
        return refunded;
    }

    /** What can still be refunded. */
    public Money left() {
        return order.payAmount().minus(refunded);
    }

    /** Units of {@code product} the order has that no refund named yet (0 for a product not in the order). */
    public int unitsLeft(ProductId product) {
        return ordered(product) - refundedUnits.getOrDefault(product, 0);
    }

    /** Every unit no refund named yet, one line per product: what a whole refund names. */
    public List<RefundLine> linesLeft() {
        List<RefundLine> lines = new ArrayList<>();
        for (OrderItem item : order.items()) {
            int left = unitsLeft(item.productId());
            if (left > 0) lines.add(new RefundLine(item.productId(), left));
        }
        return lines;
    }

    /** The units the order still holds in stock terms: what goes back when it becomes REFUNDED. */
    public List<StockLine> unitsStillHeld() {
        List<StockLine> lines = new ArrayList<>();
        for (OrderItem item : order.items()) {
            int held = item.quantity() - restockedUnits.getOrDefault(item.productId(), 0);
            if (held > 0) lines.add(new StockLine(item.productId(), held));
        }
        return lines;
    }

    /** The line amounts of {@code lines} at the order's snapshotted unit prices. */
    public Money amountOf(List<RefundLine> lines) {
        Money sum = Money.zero(order.payAmount().currency());
        for (RefundLine line : lines) {
            OrderItem item = order.items().stream().filter(i -> i.productId().equals(line.productId())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("product " + line.productId() + " is not in the order"));
            sum = sum.plus(item.unitPrice().times(line.quantity()));
        }
        return sum;
    }

    private int ordered(ProductId product) {
        return order.items().stream().filter(i -> i.productId().equals(product)).mapToInt(OrderItem::quantity).sum();
    }
}
