package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.BalanceReason;
import dev.ordersystem.core.domain.EventType;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentMethod;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.domain.RefundPurpose;
import dev.ordersystem.core.domain.RefundState;
import dev.ordersystem.core.domain.StockReturn;
import dev.ordersystem.core.domain.ProductId;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AuditSource;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.List;

import static dev.ordersystem.mysql.schema.Tables.ADDRESS;
import static dev.ordersystem.mysql.schema.Tables.BALANCE;
import static dev.ordersystem.mysql.schema.Tables.BALANCE_JOURNAL;
import static dev.ordersystem.mysql.schema.Tables.ORDERS;
import static dev.ordersystem.mysql.schema.Tables.OUTBOX;
import static dev.ordersystem.mysql.schema.Tables.ORDER_ITEM;
import static dev.ordersystem.mysql.schema.Tables.PAYMENT_RECORD;
import static dev.ordersystem.mysql.schema.Tables.REFUND;
import static dev.ordersystem.mysql.schema.Tables.REFUND_LINE;
import static dev.ordersystem.mysql.schema.Tables.STOCK;
import static dev.ordersystem.mysql.schema.Tables.STOCK_MOVEMENT;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

/** The figures of the invariant audit, each one SQL aggregate over the whole store. */
final class SqlAuditSource implements AuditSource {
    private static final List<String> HOLDING_STOCK = names(Arrays.stream(OrderStatus.values()).filter(OrderStatus::holdsStock).toList());
    private static final List<String> PAID = names(Arrays.stream(OrderStatus.values()).filter(OrderStatus::isPaid).toList());

    private final SqlSession session;

    SqlAuditSource(SqlSession session) {
        this.session = session;
    }

    @Override
    public List<StockFigures> stockFigures() {
        return session.read(db -> {
            Table<Record2<Long, BigDecimal>> moved = db
                    .select(STOCK_MOVEMENT.PRODUCT_ID, sum(STOCK_MOVEMENT.DELTA).as("total"))
                    .from(STOCK_MOVEMENT).groupBy(STOCK_MOVEMENT.PRODUCT_ID).asTable("moved");
            Table<Record2<Long, BigDecimal>> held = db
                    .select(ORDER_ITEM.PRODUCT_ID, sum(ORDER_ITEM.QUANTITY).as("held"))
                    .from(ORDER_ITEM).join(ORDERS).on(ORDERS.ORDER_NO.eq(ORDER_ITEM.ORDER_NO))
                    .where(ORDERS.STATUS.in(HOLDING_STOCK))
                    .groupBy(ORDER_ITEM.PRODUCT_ID).asTable("held");
            // Units that refunds of orders still holding stock gave back (DESIGN §14) are no longer held.
            Table<Record2<Long, BigDecimal>> returned = db
                    .select(REFUND_LINE.PRODUCT_ID, sum(REFUND_LINE.QUANTITY).as("returned"))
                    .from(REFUND_LINE).join(REFUND).on(REFUND.OUT_REFUND_NO.eq(REFUND_LINE.OUT_REFUND_NO))
                    .join(ORDERS).on(ORDERS.ORDER_NO.eq(REFUND.ORDER_NO))
                    .where(REFUND.STOCK_RETURN.eq(StockReturn.RESTOCK.name())).and(ORDERS.STATUS.in(HOLDING_STOCK))
                    .groupBy(REFUND_LINE.PRODUCT_ID).asTable("returned");
            Field<BigDecimal> recorded = coalesce(moved.field("total", BigDecimal.class), BigDecimal.ZERO);
            Field<BigDecimal> heldByOrders = coalesce(held.field("held", BigDecimal.class), BigDecimal.ZERO)
                    .minus(coalesce(returned.field("returned", BigDecimal.class), BigDecimal.ZERO));
            return db.select(STOCK.PRODUCT_ID, recorded, STOCK.AVAILABLE, heldByOrders)
                    .from(STOCK)
                    .leftJoin(moved).on(moved.field(STOCK_MOVEMENT.PRODUCT_ID).eq(STOCK.PRODUCT_ID))
                    .leftJoin(held).on(held.field(ORDER_ITEM.PRODUCT_ID).eq(STOCK.PRODUCT_ID))
                    .leftJoin(returned).on(returned.field(REFUND_LINE.PRODUCT_ID).eq(STOCK.PRODUCT_ID))
                    .orderBy(STOCK.PRODUCT_ID)
                    .fetch(row -> new StockFigures(new ProductId(row.value1()), row.value2().longValueExact(),
                            row.value3(), row.value4().longValueExact()));
        });
    }

    @Override
    public List<RefundTotal> orderRefundTotals() {
        return session.read(db -> db.select(REFUND.ORDER_NO, ORDERS.PAY_AMOUNT, sum(REFUND.AMOUNT))
                .from(REFUND).leftJoin(ORDERS).on(ORDERS.ORDER_NO.eq(REFUND.ORDER_NO))
                .where(REFUND.PURPOSE.eq(RefundPurpose.ORDER.name())).and(REFUND.STATE.ne(RefundState.FAILED.name()))
                .groupBy(REFUND.ORDER_NO, ORDERS.PAY_AMOUNT)
                .orderBy(REFUND.ORDER_NO)
                .fetch(row -> new RefundTotal(new OrderNo(row.value1()), row.value2() == null ? 0 : row.value2(),
                        row.value3().longValueExact())));
    }

    @Override
    public List<String> refundsPendingBefore(Instant cutoff) {
        return session.read(db -> db.select(REFUND.OUT_REFUND_NO).from(REFUND)
                .where(REFUND.STATE.eq(RefundState.PENDING.name())).and(REFUND.CREATED_AT.lt(SqlTimes.toDb(cutoff)))
                .orderBy(REFUND.CREATED_AT)
                .fetch(row -> row.value1()));
    }

    @Override
    public List<BalanceFigures> balanceFigures() {
        return session.read(db -> {
            Table<Record2<Long, BigDecimal>> journal = db
                    .select(BALANCE_JOURNAL.USER_ID, sum(BALANCE_JOURNAL.DELTA).as("total"))
                    .from(BALANCE_JOURNAL).groupBy(BALANCE_JOURNAL.USER_ID).asTable("journal");
            return db.select(BALANCE.USER_ID, BALANCE.BALANCE_,
                            coalesce(journal.field("total", BigDecimal.class), BigDecimal.ZERO))
                    .from(BALANCE)
                    .leftJoin(journal).on(journal.field(BALANCE_JOURNAL.USER_ID).eq(BALANCE.USER_ID))
                    .orderBy(BALANCE.USER_ID)
                    .fetch(row -> new BalanceFigures(new UserId(row.value1()), row.value2(), row.value3().longValueExact()));
        });
    }

    @Override
    public List<PaidOrderFigures> paidOrderFigures() {
        return session.read(db -> {
            Table<Record3<String, Integer, BigDecimal>> payments = db
                    .select(PAYMENT_RECORD.ORDER_NO, count().as("payments"), sum(PAYMENT_RECORD.AMOUNT).as("paid"))
                    .from(PAYMENT_RECORD)
                    .where(PAYMENT_RECORD.STATUS.eq(PaymentStatus.SUCCEEDED.name()))
                    .groupBy(PAYMENT_RECORD.ORDER_NO).asTable("payments");
            Table<Record2<String, BigDecimal>> debits = db
                    .select(BALANCE_JOURNAL.REFERENCE, sum(BALANCE_JOURNAL.DELTA).neg().as("debited"))
                    .from(BALANCE_JOURNAL)
                    .where(BALANCE_JOURNAL.REASON.eq(BalanceReason.ORDER_PAYMENT.name()))
                    .groupBy(BALANCE_JOURNAL.REFERENCE).asTable("debits");
            return db.select(ORDERS.ORDER_NO, ORDERS.STATUS, ORDERS.PAYMENT_METHOD, ORDERS.PAY_AMOUNT,
                            coalesce(payments.field("payments", Integer.class), val(0)),
                            coalesce(payments.field("paid", BigDecimal.class), BigDecimal.ZERO),
                            coalesce(debits.field("debited", BigDecimal.class), BigDecimal.ZERO))
                    .from(ORDERS)
                    .leftJoin(payments).on(payments.field(PAYMENT_RECORD.ORDER_NO).eq(ORDERS.ORDER_NO))
                    .leftJoin(debits).on(debits.field(BALANCE_JOURNAL.REFERENCE).eq(ORDERS.ORDER_NO))
                    .where(ORDERS.STATUS.in(PAID))
                    .orderBy(ORDERS.ORDER_NO)
                    .fetch(row -> new PaidOrderFigures(new OrderNo(row.value1()), OrderStatus.valueOf(row.value2()),
                            PaymentMethod.valueOf(row.value3()), session.money(row.value4()), row.value5(),
                            row.value6().longValueExact(), row.value7().longValueExact()));
        });
    }

    @Override
    public List<PaymentRecord> paymentsWithoutOrder() {
        return session.read(db -> db.selectFrom(PAYMENT_RECORD)
                .where(PAYMENT_RECORD.STATUS.in(PaymentStatus.SUCCEEDED.name(), PaymentStatus.MISMATCH.name()))
                .and(notExists(selectOne().from(ORDERS).where(ORDERS.ORDER_NO.eq(PAYMENT_RECORD.ORDER_NO))))
                .orderBy(PAYMENT_RECORD.ID)
                .fetch(row -> new PaymentRecord(PaymentChannel.valueOf(row.get(PAYMENT_RECORD.CHANNEL)),
                        row.get(PAYMENT_RECORD.TRADE_NO), new OrderNo(row.get(PAYMENT_RECORD.ORDER_NO)),
                        session.money(row.get(PAYMENT_RECORD.AMOUNT), row.get(PAYMENT_RECORD.CURRENCY)), SqlTimes.fromDb(row.get(PAYMENT_RECORD.PAID_AT)),
                        PaymentStatus.valueOf(row.get(PAYMENT_RECORD.STATUS)), row.get(PAYMENT_RECORD.RAW_NOTIFICATION),
                        SqlTimes.fromDb(row.get(PAYMENT_RECORD.RECORDED_AT)))));
    }

    @Override
    public List<OrderNo> pendingExpiredBefore(Instant cutoff) {
        return session.read(db -> db.select(ORDERS.ORDER_NO).from(ORDERS)
                .where(ORDERS.STATUS.eq(OrderStatus.PENDING_PAYMENT.name()))
                .and(ORDERS.EXPIRES_AT.lt(SqlTimes.toDb(cutoff)))
                .orderBy(ORDERS.EXPIRES_AT)
                .fetch(row -> new OrderNo(row.value1())));
    }

    @Override
    public List<OrderNo> shippedBefore(Instant cutoff) {
        return session.read(db -> db.select(ORDERS.ORDER_NO).from(ORDERS)
                .where(ORDERS.STATUS.eq(OrderStatus.SHIPPED.name()))
                .and(ORDERS.SHIPPED_AT.lt(SqlTimes.toDb(cutoff)))
                .orderBy(ORDERS.SHIPPED_AT)
                .fetch(row -> new OrderNo(row.value1())));
    }

    /**
     * The orders' event trails: the {@code order.*} events of the outbox in id order, grouped per
     * order in Java, beside every order created since the first event (older ones predate the outbox).
     */
    @Override
    public List<EventTrail> eventTrails() {
        return session.read(db -> {
            Map<String, List<EventType>> trails = new HashMap<>();
            db.select(OUTBOX.ORDER_NO, OUTBOX.EVENT_TYPE).from(OUTBOX)
                    .where(OUTBOX.EVENT_TYPE.like("order.%")).orderBy(OUTBOX.ID)
                    .fetch().forEach(row -> trails.computeIfAbsent(row.value1(), no -> new ArrayList<>())
                            .add(EventType.fromWireName(row.value2()).orElseThrow()));
            LocalDateTime firstEvent = db.select(DSL.min(OUTBOX.CREATED_AT)).from(OUTBOX).fetchOne(0, LocalDateTime.class);
            List<EventTrail> out = new ArrayList<>();
            db.select(ORDERS.ORDER_NO, ORDERS.STATUS, ORDERS.CREATED_AT).from(ORDERS).fetch().forEach(row -> {
                boolean inTrail = trails.containsKey(row.value1());
                if (inTrail || (firstEvent != null && !row.value3().isBefore(firstEvent))) {
                    out.add(new EventTrail(new OrderNo(row.value1()), OrderStatus.valueOf(row.value2()),
                            trails.getOrDefault(row.value1(), List.of())));
                }
            });
            return out;
        });
    }

    @Override
    public List<String> idempotencyKeysUsedTwice() {
        return session.read(db -> db.select(ORDERS.USER_ID, ORDERS.IDEMPOTENCY_KEY).from(ORDERS)
                .where(ORDERS.IDEMPOTENCY_KEY.isNotNull())
                .groupBy(ORDERS.USER_ID, ORDERS.IDEMPOTENCY_KEY)
                .having(count().gt(1))
                .fetch(row -> "user " + row.value1() + ": " + row.value2()));
    }

    /** One pass over {@code address}: per user, how many rows say {@code is_default}. */
    @Override
    public List<UserId> addressBooksWithoutOneDefault() {
        return session.read(db -> db.select(ADDRESS.USER_ID).from(ADDRESS)
                .groupBy(ADDRESS.USER_ID)
                .having(sum(when(ADDRESS.IS_DEFAULT.isTrue(), 1).otherwise(0)).ne(BigDecimal.ONE))
                .fetch(row -> new UserId(row.value1())));
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }
}
