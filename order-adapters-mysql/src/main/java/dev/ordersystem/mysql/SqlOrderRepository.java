package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.IdempotencyKeyTaken;
import dev.ordersystem.core.domain.OrderNumberTaken;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.Order;
import dev.ordersystem.core.domain.OrderItem;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OrderStatus;
import dev.ordersystem.core.domain.Shipment;
import dev.ordersystem.core.domain.ShipmentCorrection;
import dev.ordersystem.core.domain.TransitionNotAllowed;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.MinuteTally;
import dev.ordersystem.core.port.OrderRepository;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.ordersystem.mysql.MultiRowInsert.column;
import static dev.ordersystem.mysql.schema.Tables.ORDERS;
import static dev.ordersystem.mysql.schema.Tables.ORDER_ITEM;
import static dev.ordersystem.mysql.schema.Tables.SHIPMENT_CORRECTION;

/**
 * Orders in {@code orders} with their items in {@code order_item}. Transitions are guarded updates
 * ({@code … WHERE order_no = ? AND status = ?}); {@link #lock} and {@link #lockOverdue} take row
 * locks with {@code SELECT … FOR UPDATE} (the sweep adds {@code SKIP LOCKED}).
 */
final class SqlOrderRepository implements OrderRepository {
    private static final String IDEMPOTENCY_KEY = "uk_orders_idempotency";

    private final SqlSession session;
    private final OrderRows rows;
    /** INSERT INTO orders (…) VALUES (…), (…): every column, one row per order. */
    private final MultiRowInsert<Order> insertOrders;
    /** INSERT INTO order_item (…) VALUES (…), (…): one row per line of every order. */
    private final MultiRowInsert<Line> insertItems;

    SqlOrderRepository(SqlSession session) {
        this.session = session;
        this.rows = new OrderRows(session);
        this.insertOrders = new MultiRowInsert<>(session, ORDERS, List.of(
                column(ORDERS.ORDER_NO, order -> order.orderNo().value()),
                column(ORDERS.USER_ID, order -> order.userId().value()),
                column(ORDERS.STATUS, order -> order.status().name()),
                column(ORDERS.PAYMENT_METHOD, order -> order.paymentMethod().name()),
                column(ORDERS.TOTAL_AMOUNT, order -> order.totalAmount().minor()),
                column(ORDERS.PAY_AMOUNT, order -> order.payAmount().minor()),
                column(ORDERS.SHIP_RECIPIENT, order -> order.shippingAddress().recipient()),
                column(ORDERS.SHIP_PHONE, order -> order.shippingAddress().phone()),
                column(ORDERS.SHIP_REGION, order -> order.shippingAddress().region()),
                column(ORDERS.SHIP_DETAIL, order -> order.shippingAddress().detail()),
                column(ORDERS.SHIP_PROVINCE, order -> order.shippingAddress().province()),
                column(ORDERS.SHIP_CITY, order -> order.shippingAddress().city()),
                column(ORDERS.SHIP_DISTRICT, order -> order.shippingAddress().district()),
                column(ORDERS.SHIP_POSTAL_CODE, order -> order.shippingAddress().postalCode()),
                column(ORDERS.CREATED_AT, order -> SqlTimes.toDb(order.createdAt())),
                column(ORDERS.EXPIRES_AT, order -> SqlTimes.toDb(order.expiresAt())),
                column(ORDERS.PAID_AT, order -> SqlTimes.toDb(order.paidAt())),
                column(ORDERS.SHIPPED_AT, order -> SqlTimes.toDb(order.shippedAt())),
                column(ORDERS.CARRIER, order -> carrierOf(order)),
                column(ORDERS.TRACKING_NUMBER, order -> trackingNumberOf(order)),
                column(ORDERS.COMPLETED_AT, order -> SqlTimes.toDb(order.completedAt())),
                column(ORDERS.CANCELLED_AT, order -> SqlTimes.toDb(order.cancelledAt())),
                column(ORDERS.CANCEL_REASON, order -> order.cancelReason() == null ? null : order.cancelReason().name()),
                column(ORDERS.REFUNDED_AT, order -> SqlTimes.toDb(order.refundedAt())),
                column(ORDERS.IDEMPOTENCY_KEY, Order::idempotencyKey),
                column(ORDERS.REQUEST_FINGERPRINT, Order::requestFingerprint)));
        this.insertItems = new MultiRowInsert<>(session, ORDER_ITEM, List.of(
                column(ORDER_ITEM.ORDER_NO, line -> line.orderNo().value()),
                column(ORDER_ITEM.LINE_NO, Line::lineNo),
                column(ORDER_ITEM.PRODUCT_ID, line -> line.item().productId().value()),
                column(ORDER_ITEM.PRODUCT_NAME, line -> line.item().productName()),
                column(ORDER_ITEM.UNIT_PRICE, line -> line.item().unitPrice().minor()),
                column(ORDER_ITEM.QUANTITY, line -> line.item().quantity()),
                column(ORDER_ITEM.LINE_AMOUNT, line -> line.item().lineAmount().minor())));
    }

    @Override
    public void add(Order order) {
        addAll(List.of(order));
    }

    /**
     * All orders in one {@code INSERT INTO orders … VALUES (…), (…)} and all their items in one
     * {@code INSERT INTO order_item …}: the order number is the key of both tables and is known
     * before the insert, so items need no generated id read back. Every order's text is checked
     * before anything is written. One prepared statement holds at most 65,535 values on MySQL and
     * MariaDB: a group is meant to be tens of orders, not the 3,276 (of 20 columns) that would hit it.
     */
    @Override
    public void addAll(List<Order> orders) {
        if (orders.isEmpty()) return;
        orders.forEach(this::checkText);
        List<Line> lines = new ArrayList<>();
        for (Order order : orders) {
            for (int i = 0; i < order.items().size(); i++) lines.add(new Line(order.orderNo(), i + 1, order.items().get(i)));
        }
        // Held until the transaction's next statement or commit, and sent with it (HeldWrites).
        session.hold(insertOrders.of(orders), (db, failure) -> duplicateOf(db, orders, failure));
        session.hold(insertItems.of(lines), HeldWrites.Explanation.NONE);
    }

    @Override
    public Optional<Order> find(OrderNo orderNo) {
        return session.read(db -> rows.withItems(db, db.selectFrom(ORDERS).where(ORDERS.ORDER_NO.eq(orderNo.value())).fetch())
                .stream().findFirst());
    }

    @Override
    public Optional<Order> lock(OrderNo orderNo) {
        return session.read(db -> rows.withItems(db,
                db.selectFrom(ORDERS).where(ORDERS.ORDER_NO.eq(orderNo.value())).forUpdate().fetch()).stream().findFirst());
    }

    @Override
    public void update(Order changed, OrderStatus expected) {
        session.run(db -> {
            int updated = db.update(ORDERS)
                    .set(ORDERS.STATUS, changed.status().name())
                    .set(ORDERS.PAYMENT_METHOD, changed.paymentMethod().name())
                    .set(ORDERS.PAID_AT, SqlTimes.toDb(changed.paidAt()))
                    .set(ORDERS.SHIPPED_AT, SqlTimes.toDb(changed.shippedAt()))
                    .set(ORDERS.CARRIER, carrierOf(changed))
                    .set(ORDERS.TRACKING_NUMBER, trackingNumberOf(changed))
                    .set(ORDERS.COMPLETED_AT, SqlTimes.toDb(changed.completedAt()))
                    .set(ORDERS.CANCELLED_AT, SqlTimes.toDb(changed.cancelledAt()))
                    .set(ORDERS.CANCEL_REASON, changed.cancelReason() == null ? null : changed.cancelReason().name())
                    .set(ORDERS.REFUNDED_AT, SqlTimes.toDb(changed.refundedAt()))
                    .where(ORDERS.ORDER_NO.eq(changed.orderNo().value()))
                    .and(ORDERS.STATUS.eq(expected.name()))
                    .execute();
            if (updated == 0) {
                String now = db.select(ORDERS.STATUS).from(ORDERS).where(ORDERS.ORDER_NO.eq(changed.orderNo().value()))
                        .fetchOptional(ORDERS.STATUS)
                        .orElseThrow(() -> new NotFound("order " + changed.orderNo()));
                throw new TransitionNotAllowed(changed.orderNo(), OrderStatus.valueOf(now), changed.status());
            }
        });
    }

    @Override
    public Optional<Order> findByIdempotencyKey(UserId userId, String idempotencyKey) {
        return session.read(db -> rows.withItems(db, db.selectFrom(ORDERS)
                .where(ORDERS.USER_ID.eq(userId.value()))
                .and(ORDERS.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetch()).stream().findFirst());
    }

    @Override
    public Page<Order> findByUser(UserId userId, Optional<OrderStatus> status, PageRequest page) {
        return newestFirst(ORDERS.USER_ID.eq(userId.value()), status, page);
    }

    @Override
    public Page<Order> findAll(Optional<OrderStatus> status, PageRequest page) {
        return newestFirst(DSL.noCondition(), status, page);
    }

    @Override
    public long countInStatus(OrderStatus status) {
        // SELECT COUNT(*) FROM orders WHERE status = ? (index ix_orders_status)
        return session.read(db -> db.selectCount().from(ORDERS).where(ORDERS.STATUS.eq(status.name())).fetchOne(0, Long.class));
    }

    @Override
    public List<MinuteTally> tallyByMinute(Instant from, Instant to) {
        List<String> paid = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isPaid).map(Enum::name).toList();
        // The minute as its parts (EXTRACT works alike on MySQL, MariaDB and H2); the range uses ix_orders_created.
        List<Field<Integer>> minute = List.of(DSL.year(ORDERS.CREATED_AT), DSL.month(ORDERS.CREATED_AT), DSL.day(ORDERS.CREATED_AT),
                DSL.hour(ORDERS.CREATED_AT), DSL.minute(ORDERS.CREATED_AT));
        Field<Long> placed = DSL.count().cast(Long.class).as("placed");
        Field<Long> paidCount = DSL.sum(DSL.when(ORDERS.STATUS.in(paid), 1L).otherwise(0L)).cast(Long.class).as("paid");
        Field<Long> paidAmount = DSL.sum(DSL.when(ORDERS.STATUS.in(paid), ORDERS.PAY_AMOUNT).otherwise(0L)).cast(Long.class).as("paid_amount");
        // SELECT EXTRACT(YEAR FROM created_at), …, COUNT(*), SUM(CASE WHEN status IN (…) THEN 1 ELSE 0 END),
        //        SUM(CASE WHEN status IN (…) THEN pay_amount ELSE 0 END)
        // FROM orders WHERE created_at >= ? AND created_at < ? GROUP BY the five parts
        return session.read(db -> db.select(minute.get(0), minute.get(1), minute.get(2), minute.get(3), minute.get(4),
                        placed, paidCount, paidAmount)
                .from(ORDERS)
                .where(ORDERS.CREATED_AT.ge(SqlTimes.toDb(from)))
                .and(ORDERS.CREATED_AT.lt(SqlTimes.toDb(to)))
                .groupBy(minute)
                .fetch(row -> new MinuteTally(
                        LocalDateTime.of(row.value1(), row.value2(), row.value3(), row.value4(), row.value5()).toInstant(ZoneOffset.UTC),
                        row.value6(), row.value7(), session.money(row.value8()))))
                .stream().sorted(Comparator.comparing(MinuteTally::minute)).toList();
    }

    @Override
    public List<Order> lockOverdue(Instant now, int limit) {
        return session.read(db -> rows.withItems(db, db.selectFrom(ORDERS)
                .where(ORDERS.STATUS.eq(OrderStatus.PENDING_PAYMENT.name()))
                .and(ORDERS.EXPIRES_AT.le(SqlTimes.toDb(now)))
                .orderBy(ORDERS.EXPIRES_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch()));
    }

    @Override
    public List<Order> lockShippedBefore(Instant cutoff, int limit) {
        return session.read(db -> rows.withItems(db, db.selectFrom(ORDERS)
                .where(ORDERS.STATUS.eq(OrderStatus.SHIPPED.name()))
                .and(ORDERS.SHIPPED_AT.le(SqlTimes.toDb(cutoff)))
                .orderBy(ORDERS.SHIPPED_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch()));
    }

    @Override
    public void recordShipmentCorrection(ShipmentCorrection correction) {
        session.run(db -> db.insertInto(SHIPMENT_CORRECTION)
                .set(SHIPMENT_CORRECTION.ORDER_NO, correction.orderNo().value())
                .set(SHIPMENT_CORRECTION.OLD_CARRIER, correction.oldCarrier())
                .set(SHIPMENT_CORRECTION.OLD_TRACKING_NUMBER, correction.oldTrackingNumber())
                .set(SHIPMENT_CORRECTION.NEW_CARRIER, correction.newCarrier())
                .set(SHIPMENT_CORRECTION.NEW_TRACKING_NUMBER, correction.newTrackingNumber())
                .set(SHIPMENT_CORRECTION.CORRECTED_AT, SqlTimes.toDb(correction.correctedAt()))
                .execute());
    }

    @Override
    public List<ShipmentCorrection> shipmentCorrections(OrderNo orderNo) {
        return session.read(db -> db.selectFrom(SHIPMENT_CORRECTION)
                .where(SHIPMENT_CORRECTION.ORDER_NO.eq(orderNo.value()))
                .orderBy(SHIPMENT_CORRECTION.ID)
                .fetch(row -> new ShipmentCorrection(new OrderNo(row.get(SHIPMENT_CORRECTION.ORDER_NO)),
                        row.get(SHIPMENT_CORRECTION.OLD_CARRIER), row.get(SHIPMENT_CORRECTION.OLD_TRACKING_NUMBER),
                        row.get(SHIPMENT_CORRECTION.NEW_CARRIER), row.get(SHIPMENT_CORRECTION.NEW_TRACKING_NUMBER),
                        SqlTimes.fromDb(row.get(SHIPMENT_CORRECTION.CORRECTED_AT)))));
    }

    private static String carrierOf(Order order) {
        Shipment shipment = order.shipment();
        return shipment == null ? null : shipment.carrier();
    }

    private static String trackingNumberOf(Order order) {
        Shipment shipment = order.shipment();
        return shipment == null ? null : shipment.trackingNumber();
    }

    /** Order numbers grow with time, so "newest first" is descending order number: the page key. */
    private Page<Order> newestFirst(Condition owner, Optional<OrderStatus> status, PageRequest page) {
        Condition where = owner
                .and(status.map(s -> ORDERS.STATUS.eq(s.name())).orElse(DSL.noCondition()))
                .and(KeysetPages.orderNoKey(page.after()).map(ORDERS.ORDER_NO::lt).orElse(DSL.noCondition()));
        List<Order> found = session.read(db -> rows.withItems(db, db.selectFrom(ORDERS)
                .where(where)
                .orderBy(ORDERS.ORDER_NO.desc())
                .limit(page.limit() + 1)
                .fetch()));
        return KeysetPages.page(found, page.limit(), order -> order.orderNo().value());
    }

    /**
     * The domain error for a duplicate key the orders' INSERT hit, naming the order that caused it:
     * the first one whose number or key an earlier order of the group holds, or a stored order does
     * (one extra SELECT, on this failure path only); empty when {@code failure} is not such a key.
     */
    private Optional<RuntimeException> duplicateOf(DSLContext db, List<Order> orders, DataAccessException failure) {
        if (SqlErrors.isDuplicate(failure, IDEMPOTENCY_KEY)) {
            Order culprit = orders.size() == 1 ? orders.getFirst() : firstWithTakenKey(db, orders);
            return Optional.ofNullable(culprit).map(c -> new IdempotencyKeyTaken(c.userId(), c.idempotencyKey()));
        }
        if (SqlErrors.isDuplicatePrimaryKey(failure)) {
            Order culprit = orders.size() == 1 ? orders.getFirst() : firstWithTakenNumber(db, orders);
            return Optional.ofNullable(culprit).map(c -> new OrderNumberTaken(c.orderNo()));
        }
        return Optional.empty();
    }

    private static Order firstWithTakenKey(DSLContext db, List<Order> orders) {
        List<Order> keyed = orders.stream().filter(o -> o.idempotencyKey() != null).toList();
        Set<String> taken = new HashSet<>();
        db.select(ORDERS.USER_ID, ORDERS.IDEMPOTENCY_KEY).from(ORDERS)
                .where(ORDERS.USER_ID.in(keyed.stream().map(o -> o.userId().value()).distinct().toList()))
                .and(ORDERS.IDEMPOTENCY_KEY.in(keyed.stream().map(Order::idempotencyKey).distinct().toList()))
                .forEach(row -> taken.add(row.value1() + "/" + row.value2()));
        for (Order order : keyed) {
            if (!taken.add(order.userId().value() + "/" + order.idempotencyKey())) return order;
        }
        return null;
    }

    private static Order firstWithTakenNumber(DSLContext db, List<Order> orders) {
        Set<String> taken = new HashSet<>(db.select(ORDERS.ORDER_NO).from(ORDERS)
                .where(ORDERS.ORDER_NO.in(orders.stream().map(o -> o.orderNo().value()).toList()))
                .fetch(ORDERS.ORDER_NO));
        for (Order order : orders) {
            if (!taken.add(order.orderNo().value())) return order;
        }
        return null;
    }

    /** One row of {@code order_item}: lines are numbered from 1 within their order. */
    private record Line(OrderNo orderNo, int lineNo, OrderItem item) {
    }

    private void checkText(Order order) {
        session.minor(order.totalAmount());
        FieldLimits limits = FieldLimits.check()
                .fits(ORDERS.SHIP_RECIPIENT, order.shippingAddress().recipient(), "shippingAddress.recipient")
                .fits(ORDERS.SHIP_PHONE, order.shippingAddress().phone(), "shippingAddress.phone")
                .fits(ORDERS.SHIP_REGION, order.shippingAddress().region(), "shippingAddress.region")
                .fits(ORDERS.SHIP_DETAIL, order.shippingAddress().detail(), "shippingAddress.detail")
                .fits(ORDERS.SHIP_PROVINCE, order.shippingAddress().province(), "shippingAddress.province")
                .fits(ORDERS.SHIP_CITY, order.shippingAddress().city(), "shippingAddress.city")
                .fits(ORDERS.SHIP_DISTRICT, order.shippingAddress().district(), "shippingAddress.district")
                .fits(ORDERS.SHIP_POSTAL_CODE, order.shippingAddress().postalCode(), "shippingAddress.postalCode")
                .fits(ORDERS.IDEMPOTENCY_KEY, order.idempotencyKey(), "Idempotency-Key")
                .fits(ORDERS.REQUEST_FINGERPRINT, order.requestFingerprint(), "requestFingerprint");
        for (int i = 0; i < order.items().size(); i++) {
            limits.fits(ORDER_ITEM.PRODUCT_NAME, order.items().get(i).productName(), "items[" + i + "].productName");
        }
        limits.orThrow();
    }
}
