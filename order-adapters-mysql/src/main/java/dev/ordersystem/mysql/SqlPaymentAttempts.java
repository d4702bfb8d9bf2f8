package dev.ordersystem.mysql;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.PaymentAttempts;
import dev.ordersystem.core.port.provider.JsapiPayParams;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.TradeState;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ordersystem.mysql.schema.Tables.PAYMENT_ATTEMPT;

/**
 * Payment attempts in {@code payment_attempt}. {@code open_order_no} is the order number while the
 * attempt is open and NULL after: its unique index is the one-open-trade-per-order guarantee.
 */
final class SqlPaymentAttempts implements PaymentAttempts {
    private static final String TRADE_KEY = "uk_payment_attempt_trade";
    private static final String ORDER_KEY = "uk_payment_attempt_order";
    private static final String OPEN_KEY = "uk_payment_attempt_open";
    private static final List<String> OPEN_STATES = List.of(AttemptState.STARTING.name(), AttemptState.OPEN.name());

    private final SqlSession session;

    SqlPaymentAttempts(SqlSession session) {
        this.session = session;
    }

    @Override
    public void add(PaymentAttempt attempt) {
        FieldLimits.check().fits(PAYMENT_ATTEMPT.OPEN_ID, attempt.openId().orElse(null), "openId")
                .fits(PAYMENT_ATTEMPT.CLIENT_IP, attempt.clientIp().orElse(null), "clientIp").orThrow();
        session.run(db -> {
            try {
                db.insertInto(PAYMENT_ATTEMPT)
                        .set(PAYMENT_ATTEMPT.OUT_TRADE_NO, attempt.outTradeNo().value())
                        .set(PAYMENT_ATTEMPT.ORDER_NO, attempt.orderNo().value())
                        .set(PAYMENT_ATTEMPT.ATTEMPT, attempt.attempt())
                        .set(PAYMENT_ATTEMPT.CHANNEL, attempt.channel().name())
                        .set(PAYMENT_ATTEMPT.SCENE, attempt.scene().name())
                        .set(PAYMENT_ATTEMPT.AMOUNT, session.minor(attempt.amount()))
                        .set(PAYMENT_ATTEMPT.OPEN_ID, attempt.openId().orElse(null))
                        .set(PAYMENT_ATTEMPT.CLIENT_IP, attempt.clientIp().orElse(null))
                        .set(PAYMENT_ATTEMPT.CREATED_AT, SqlTimes.toDb(attempt.createdAt()))
                        .set(changingColumns(attempt))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isDuplicate(e, TRADE_KEY) || SqlErrors.isDuplicate(e, ORDER_KEY)) {
                    throw new IllegalStateException("payment attempt " + attempt.outTradeNo() + " exists");
                }
                if (SqlErrors.isDuplicate(e, OPEN_KEY)) {
                    throw new IllegalStateException("order " + attempt.orderNo() + " has an open payment attempt");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<PaymentAttempt> find(OutTradeNo outTradeNo) {
        return session.read(db -> db.selectFrom(PAYMENT_ATTEMPT)
                .where(PAYMENT_ATTEMPT.OUT_TRADE_NO.eq(outTradeNo.value()))
                .fetchOptional(this::attempt));
    }

    @Override
    public Optional<PaymentAttempt> findOpen(OrderNo orderNo) {
        return session.read(db -> db.selectFrom(PAYMENT_ATTEMPT)
                .where(PAYMENT_ATTEMPT.OPEN_ORDER_NO.eq(orderNo.value()))
                .fetchOptional(this::attempt));
    }

    @Override
    public List<PaymentAttempt> findOpenAmong(Collection<OrderNo> orderNos) {
        if (orderNos.isEmpty()) return List.of();
        List<String> numbers = orderNos.stream().map(OrderNo::value).distinct().toList();
        return session.read(db -> db.selectFrom(PAYMENT_ATTEMPT)
                .where(PAYMENT_ATTEMPT.OPEN_ORDER_NO.in(numbers))
                .fetch(this::attempt));
    }

    @Override
    public List<PaymentAttempt> findByOrder(OrderNo orderNo) {
        return session.read(db -> db.selectFrom(PAYMENT_ATTEMPT)
                .where(PAYMENT_ATTEMPT.ORDER_NO.eq(orderNo.value()))
                .orderBy(PAYMENT_ATTEMPT.ATTEMPT)
                .fetch(this::attempt));
    }

    /** Walks {@code ix_payment_attempt_state} over the open states; the open trades are few next to the ended ones. */
    @Override
    public List<PaymentAttempt> findUnheard(Instant createdBefore, Instant checkedBefore, int limit) {
        Field<java.time.LocalDateTime> lastAsked = DSL.coalesce(PAYMENT_ATTEMPT.CHECKED_AT, PAYMENT_ATTEMPT.CREATED_AT);
        return session.read(db -> db.selectFrom(PAYMENT_ATTEMPT)
                .where(PAYMENT_ATTEMPT.STATE.in(OPEN_STATES))
                .and(PAYMENT_ATTEMPT.CREATED_AT.lt(SqlTimes.toDb(createdBefore)))
                .and(PAYMENT_ATTEMPT.CHECKED_AT.isNull().or(PAYMENT_ATTEMPT.CHECKED_AT.lt(SqlTimes.toDb(checkedBefore))))
                .orderBy(lastAsked, PAYMENT_ATTEMPT.ID)
                .limit(limit)
                .fetch(this::attempt));
    }

    @Override
    public void update(PaymentAttempt changed, AttemptState expected) {
        int updated = session.write(db -> db.update(PAYMENT_ATTEMPT)
                .set(changingColumns(changed))
                .where(PAYMENT_ATTEMPT.OUT_TRADE_NO.eq(changed.outTradeNo().value()))
                .and(PAYMENT_ATTEMPT.STATE.eq(expected.name()))
                .execute());
        if (updated == 0) throw new NotFound("payment attempt " + changed.outTradeNo() + " in state " + expected);
    }

    /** The columns an attempt's life changes, written alike by the insert and the guarded update. */
    private static Map<Field<?>, Object> changingColumns(PaymentAttempt attempt) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(PAYMENT_ATTEMPT.STATE, attempt.state().name());
        columns.put(PAYMENT_ATTEMPT.OPEN_ORDER_NO, attempt.state().isOpen() ? attempt.orderNo().value() : null);
        Optional<PayLink> link = attempt.payLink();
        columns.put(PAYMENT_ATTEMPT.PAY_LINK, link.map(SqlPaymentAttempts::linkText).orElse(null));
        Optional<JsapiPayParams> jsapi = link.filter(PayLink.JsapiPrepay.class::isInstance)
                .map(l -> ((PayLink.JsapiPrepay) l).params());
        columns.put(PAYMENT_ATTEMPT.JSAPI_APP_ID, jsapi.map(JsapiPayParams::appId).orElse(null));
        columns.put(PAYMENT_ATTEMPT.JSAPI_TIME_STAMP, jsapi.map(JsapiPayParams::timeStamp).orElse(null));
        columns.put(PAYMENT_ATTEMPT.JSAPI_NONCE_STR, jsapi.map(JsapiPayParams::nonceStr).orElse(null));
        columns.put(PAYMENT_ATTEMPT.JSAPI_PACKAGE, jsapi.map(JsapiPayParams::packageValue).orElse(null));
        columns.put(PAYMENT_ATTEMPT.JSAPI_SIGN_TYPE, jsapi.map(JsapiPayParams::signType).orElse(null));
        columns.put(PAYMENT_ATTEMPT.JSAPI_PAY_SIGN, jsapi.map(JsapiPayParams::paySign).orElse(null));
        columns.put(PAYMENT_ATTEMPT.TRADE_STATE, attempt.tradeState().map(Enum::name).orElse(null));
        columns.put(PAYMENT_ATTEMPT.PROVIDER_STATE, attempt.providerState().map(s -> cut(s, 32)).orElse(null));
        columns.put(PAYMENT_ATTEMPT.FAILURE, attempt.failure().map(s -> cut(s, 512)).orElse(null));
        columns.put(PAYMENT_ATTEMPT.CHECKED_AT, attempt.checkedAt().map(SqlTimes::toDb).orElse(null));
        columns.put(PAYMENT_ATTEMPT.ENDED_AT, attempt.endedAt().map(SqlTimes::toDb).orElse(null));
        return columns;
    }

    private static String linkText(PayLink link) {
        return switch (link) {
            case PayLink.CodeUrl l -> l.codeUrl();
            case PayLink.JsapiPrepay l -> l.prepayId();
            case PayLink.H5Url l -> l.h5Url();
            case PayLink.QrCode l -> l.qrCode();
            case PayLink.PayUrl l -> l.payUrl();
        };
    }

    private static PayLink link(PaymentScene scene, Record row) {
        String text = row.get(PAYMENT_ATTEMPT.PAY_LINK);
        return switch (scene) {
            case NATIVE -> new PayLink.CodeUrl(text);
            case JSAPI -> new PayLink.JsapiPrepay(text, new JsapiPayParams(row.get(PAYMENT_ATTEMPT.JSAPI_APP_ID),
                    row.get(PAYMENT_ATTEMPT.JSAPI_TIME_STAMP), row.get(PAYMENT_ATTEMPT.JSAPI_NONCE_STR),
                    row.get(PAYMENT_ATTEMPT.JSAPI_PACKAGE), row.get(PAYMENT_ATTEMPT.JSAPI_SIGN_TYPE),
                    row.get(PAYMENT_ATTEMPT.JSAPI_PAY_SIGN)));
            case H5 -> new PayLink.H5Url(text);
            case QR -> new PayLink.QrCode(text);
            case PAGE, WAP -> new PayLink.PayUrl(text);
        };
    }

    /** A provider's word or a failure as logged, cut to its column: it is a note, never a key. */
    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private PaymentAttempt attempt(Record row) {
        PaymentScene scene = PaymentScene.valueOf(row.get(PAYMENT_ATTEMPT.SCENE));
        String openId = row.get(PAYMENT_ATTEMPT.OPEN_ID);
        String clientIp = row.get(PAYMENT_ATTEMPT.CLIENT_IP);
        return new PaymentAttempt(
                new OutTradeNo(row.get(PAYMENT_ATTEMPT.OUT_TRADE_NO)),
                new OrderNo(row.get(PAYMENT_ATTEMPT.ORDER_NO)),
                row.get(PAYMENT_ATTEMPT.ATTEMPT),
                scene,
                AttemptState.valueOf(row.get(PAYMENT_ATTEMPT.STATE)),
                session.money(row.get(PAYMENT_ATTEMPT.AMOUNT)),
                Optional.ofNullable(openId),
                Optional.ofNullable(clientIp),
                row.get(PAYMENT_ATTEMPT.PAY_LINK) == null ? Optional.empty() : Optional.of(link(scene, row)),
                Optional.ofNullable(row.get(PAYMENT_ATTEMPT.TRADE_STATE)).map(TradeState::valueOf),
                Optional.ofNullable(row.get(PAYMENT_ATTEMPT.PROVIDER_STATE)),
                SqlTimes.fromDb(row.get(PAYMENT_ATTEMPT.CREATED_AT)),
                Optional.ofNullable(SqlTimes.fromDb(row.get(PAYMENT_ATTEMPT.CHECKED_AT))),
                Optional.ofNullable(row.get(PAYMENT_ATTEMPT.FAILURE)),
                Optional.ofNullable(SqlTimes.fromDb(row.get(PAYMENT_ATTEMPT.ENDED_AT))));
    }
}
