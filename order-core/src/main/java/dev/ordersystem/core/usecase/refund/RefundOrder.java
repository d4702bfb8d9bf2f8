package dev.ordersystem.core.usecase.refund;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderEvent;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.Refund;
import dev.ordersystem.core.domain.RefundExceedsPaid;
import dev.ordersystem.core.domain.RefundLine;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.domain.StockLine;
import dev.ordersystem.core.domain.StockReturn;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.ValidationFailed;
import dev.ordersystem.core.port.BalanceLedger;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Outbox;
import dev.ordersystem.core.port.PaymentRecords;
import dev.ordersystem.core.port.Refunds;
import dev.ordersystem.core.port.StockLedger;
import dev.ordersystem.core.port.Transactions;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.usecase.InputErrors;
import dev.ordersystem.core.usecase.order.Restock;
import dev.ordersystem.core.usecase.payment.PaymentProviderUnavailable;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * DESIGN §4.7 and §14: an admin refunds a paid order, whole or in part.
 * <ol>
 *   <li>Check the request's fields.</li>
 *   <li>One short transaction under the order's row lock: add up the order's refunds so far, refuse
 *       (40011) anything beyond what is left to refund, record the refund with its deterministic
 *       out_refund_no, return the named units to stock (before shipping, unless {@code restock:false}),
 *       move a PAID order refunded whole to REFUNDED (every unit it still holds back to stock, its
 *       payment flagged REFUND_REQUIRED until the money is back), and write {@code order.refunded}.
 *       A balance-paid order is credited in that transaction (journalled per refund) and its refund
 *       is SUCCEEDED at once.</li>
 *   <li>After the commit, tell the stock gate, and ask the provider for the refund (outside any
 *       transaction); what it answers is written down by {@link ProviderRefunds}. A refund still
 *       PENDING is the refund job's from then on.</li>
 * </ol>
 * Two admins refunding the same order at once are serialized by the row lock: the second sees the
 * first's refund in its sum.
 */
public final class RefundOrder {
    static final int REASON_MAX = 80;
    static final int MAX_LINES = 50;

    private final Transactions transactions;
    private final OrderRepository orders;
    private final StockLedger stock;
    private final BalanceLedger balances;
    private final PaymentRecords payments;
    private final Refunds refunds;
    private final Outbox outbox;
    private final Restock restock;
    private final ProviderRefunds providerRefunds;
    private final Clock clock;

    public RefundOrder(Transactions transactions, OrderRepository orders, StockLedger stock, BalanceLedger balances,
                       PaymentRecords payments, Refunds refunds, Outbox outbox, Restock restock,
                       ProviderRefunds providerRefunds, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.stock = stock;
        this.balances = balances;
        this.payments = payments;
        this.refunds = refunds;
        this.outbox = outbox;
        this.restock = restock;
        this.providerRefunds = providerRefunds;
        this.clock = clock;
    }

    /** Refunds everything left of a PAID order, back to stock: the order ends REFUNDED. */
    public Order refund(OrderNo orderNo) {
        return refund(RefundRequest.whole(orderNo)).order();
    }

    public RefundResult refund(RefundRequest request) {
        validate(request);
        Recorded recorded = transactions.inTransaction(() -> record(request));
        restock.returned(recorded.restocked());
        Refund refund = recorded.refund();
        if (refund.state() == RefundState.PENDING && providerRefunds.serves(refund)) {
            refund = providerRefunds.attempt(refund);
        }
        Order order = orders.find(request.orderNo()).orElseThrow(() -> new NotFound("order " + request.orderNo()));
        return new RefundResult(order, refund, RefundTally.of(order, refunds.findByOrder(order.orderNo())).refunded());
    }

    /** The order's refunds (both purposes), by sequence. */
    public List<Refund> refundsOf(OrderNo orderNo) {
        return refunds.findByOrder(orderNo);
    }

    /** Σ of the order's refunds that are not FAILED (its {@code refundedAmount}). */
    public Money refundedAmount(Order order) {
        return RefundTally.of(order, refunds.findByOrder(order.orderNo())).refunded();
    }

    private record Recorded(Refund refund, List<StockLine> restocked) {
    }

    private Recorded record(RefundRequest request) {
        Instant now = clock.instant();
        OrderNo orderNo = request.orderNo();
        Order order = orders.lock(orderNo).orElseThrow(() -> new NotFound("order " + orderNo));
        boolean whole = request.isWhole();
        if (whole ? order.status() != OrderStatus.PAID : !order.status().isPaid()) {
            throw new TransitionNotAllowed(orderNo, order.status(), OrderStatus.REFUNDED);
        }
        boolean shipped = order.status() != OrderStatus.PAID;
        boolean restocking = request.restock().orElse(!shipped);
        if (restocking && shipped) throw ValidationFailed.of("restock", FieldFault.ONE_OF, "false");
        List<Refund> earlier = refunds.findByOrder(orderNo);
        RefundTally tally = RefundTally.of(order, earlier);

        List<RefundLine> lines = whole ? tally.linesLeft() : merged(request.items());
        for (RefundLine line : lines) {
            if (order.items().stream().noneMatch(i -> i.productId().equals(line.productId()))) {
                throw ValidationFailed.of("items", FieldFault.ONE_OF,
                        order.items().stream().map(i -> Long.toString(i.productId().value())).toList());
            }
            int left = tally.unitsLeft(line.productId());
            if (line.quantity() > left) {
                throw new RefundExceedsPaid("order " + orderNo + ": refund of " + line.quantity() + " of product "
                        + line.productId().value() + ", " + left + " left to refund");
            }
        }
        Money left = tally.left();
        Money amount = request.amount().map(minor -> Money.of(minor, order.payAmount().currency())).orElseGet(() -> request.items().isEmpty() ? left : tally.amountOf(lines));
        if (!left.isPositive() || amount.compareTo(left) > 0) {
            throw new RefundExceedsPaid("order " + orderNo + ": refund of " + amount.minor() + " asked, "
                    + left.minor() + " left of " + order.payAmount().minor() + " paid");
        }
        boolean completes = amount.equals(left);

        Optional<PaymentRecord> payment = paymentOf(order);
        if (payment.isPresent() && !completes && !providerRefunds.serves(payment.get().channel())) {
            throw new PaymentProviderUnavailable(new ProviderFailure.Unreachable(
                    "no payment provider serves " + payment.get().channel() + ": a partial refund cannot be sent"));
        }
        int sequence = earlier.stream().mapToInt(r -> r.refundNo().sequence()).max().orElse(0) + 1;
        Refund refund = Refund.pending(RefundNo.of(orderNo, sequence), RefundPurpose.ORDER, order.paymentMethod(),
                payment.map(PaymentRecord::tradeNo), payment.map(PaymentRecord::amount).orElse(order.payAmount()), amount,
                request.reason().strip(), lines, restocking ? StockReturn.RESTOCK : StockReturn.KEEP, now);
        if (order.paymentMethod().isExternal()) {
            refund = refund.dueAt(now.plus(providerRefunds.firstCallLease())); // this call asks first, the job after
        } else {
            balances.credit(order.userId(), amount, BalanceReason.ORDER_REFUND, refund.refundNo().value());
            refund = refund.succeeded("BALANCE", now);
        }
        refunds.add(refund);

        List<StockLine> back = new ArrayList<>();
        Order moved = order;
        if (completes && order.status() == OrderStatus.PAID) {
            // Refunded whole before shipping: every unit it still holds is back in the warehouse.
            back.addAll(tally.unitsStillHeld());
            moved = order.refund(now);
            orders.update(moved, order.status());
            if (payment.isPresent()) {
                PaymentRecord flagged = payment.get().withStatus(PaymentStatus.REFUND_REQUIRED);
                payments.update(flagged, PaymentStatus.SUCCEEDED);
                outbox.append(List.of(OrderEvent.of(EventType.PAYMENT_REFUND_REQUIRED, flagged, now)));
            }
        } else if (restocking) {
            for (RefundLine line : lines) back.add(new StockLine(line.productId(), line.quantity()));
        }
        if (!back.isEmpty()) stock.release(back);
        outbox.append(List.of(OrderEvent.refunded(moved, refund, tally.refunded().plus(amount), now)));
        return new Recorded(refund, back);
    }

    /** The channel payment that paid the order (the audit holds there is exactly one); empty for balance. */
    private Optional<PaymentRecord> paymentOf(Order order) {
        if (!order.paymentMethod().isExternal()) return Optional.empty();
        PaymentChannel channel = PaymentChannel.valueOf(order.paymentMethod().name());
        return Optional.of(payments.findByOrder(order.orderNo()).stream()
                .filter(r -> r.status() == PaymentStatus.SUCCEEDED && r.channel() == channel)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("paid order " + order.orderNo() + " has no successful payment")));
    }

    private static void validate(RefundRequest request) {
        InputErrors errors = new InputErrors();
        errors.require(request.reason().length() <= REASON_MAX, "reason", FieldFault.AT_MOST_CHARACTERS, REASON_MAX);
        errors.require(request.items().size() <= MAX_LINES, "items", FieldFault.RANGE, 0, MAX_LINES);
        request.amount().ifPresent(a -> errors.require(a > 0, "amount", FieldFault.POSITIVE));
        for (int i = 0; i < request.items().size(); i++) {
            errors.require(request.items().get(i).quantity() <= 999, "items[" + i + "].quantity", FieldFault.RANGE, 1, 999);
        }
        errors.throwIfAny();
    }

    /** The same product named twice is one line. */
    private static List<RefundLine> merged(List<RefundLine> items) {
        Map<ProductId, Integer> units = new TreeMap<>();
        for (RefundLine line : items) units.merge(line.productId(), line.quantity(), Integer::sum);
        return units.entrySet().stream().map(e -> new RefundLine(e.getKey(), e.getValue())).toList();
    }

}
