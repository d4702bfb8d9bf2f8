package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.port.provider.CloseRefusedPaid;
import dev.ordersystem.core.port.provider.JsapiPayParams;
import dev.ordersystem.core.port.provider.NewTrade;
import dev.ordersystem.core.port.provider.PaidTrade;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.RefundAnswer;
import dev.ordersystem.core.port.provider.RefundCall;
import dev.ordersystem.core.domain.RefundNo;
import dev.ordersystem.core.port.provider.TradeClosed;
import dev.ordersystem.core.port.provider.TradeClosing;
import dev.ordersystem.core.port.provider.TradeCreation;
import dev.ordersystem.core.port.provider.TradeLookup;
import dev.ordersystem.core.port.provider.TradeNotFound;
import dev.ordersystem.core.port.provider.TradeOpened;
import dev.ordersystem.core.port.provider.TradeRef;
import dev.ordersystem.core.port.provider.TradeState;
import dev.ordersystem.core.port.provider.TradeStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A payment provider the test scripts: it keeps trades like a provider does (open until paid or
 * closed; a paid trade refuses to close), lets the test pay one as a buyer at the cashier would
 * (with no notification sent), can be taken down with any {@link ProviderFailure}, records every
 * call, and notes any call made while the caller holds a transaction.
 */
public final class ScriptedProvider implements PaymentProvider {

    /** One call as the provider saw it. */
    public record Call(String operation, OutTradeNo outTradeNo, Optional<NewTrade> trade) {
    }

    private record Trade(NewTrade request, TradeState state, Optional<PaidTrade> payment) {
    }

    private final Set<PaymentChannel> channels;
    private final Clock clock;
    private final BooleanSupplier inTransaction;
    private final Map<OutTradeNo, Trade> trades = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> callsInsideTransactions = new CopyOnWriteArrayList<>();
    private volatile Optional<ProviderFailure> down = Optional.empty();
    private final Map<RefundNo, RefundCall> refunds = new ConcurrentHashMap<>();
    private final List<RefundCall> refundCalls = new CopyOnWriteArrayList<>();
    private volatile Optional<RefundAnswer> refundAnswer = Optional.empty();
    private volatile boolean refundLostAnswer;

    public ScriptedProvider(Set<PaymentChannel> channels, Clock clock, BooleanSupplier inTransaction) {
        this.channels = Set.copyOf(channels);
        this.clock = clock;
        this.inTransaction = inTransaction;
    }

    /** Every call from now on fails with {@code failure}, until {@link #up()}. */
    public void down(ProviderFailure failure) {
        down = Optional.of(failure);
    }

    public void up() {
        down = Optional.empty();
    }

    /** The buyer pays the trade at the provider; no notification is sent. */
    public PaidTrade pay(OutTradeNo outTradeNo) {
        Trade trade = trades.get(outTradeNo);
        if (trade == null || trade.state() != TradeState.NOT_PAID) throw new IllegalStateException(outTradeNo + " cannot be paid");
        PaidTrade paid = new PaidTrade("4200" + outTradeNo.value().replace("_", ""), trade.request().amount(), clock.instant(),
                "{\"out_trade_no\":\"" + outTradeNo + "\",\"trade_state\":\"SUCCESS\"}");
        trades.put(outTradeNo, new Trade(trade.request(), TradeState.PAID, Optional.of(paid)));
        return paid;
    }

    public Optional<TradeState> stateOf(OutTradeNo outTradeNo) {
        return Optional.ofNullable(trades.get(outTradeNo)).map(Trade::state);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** The calls made while the caller held a transaction: DESIGN §13 allows none. */
    public List<String> callsInsideTransactions() {
        return List.copyOf(callsInsideTransactions);
    }

    @Override
    public Set<PaymentChannel> channels() {
        return channels;
    }

    @Override
    public TradeCreation create(NewTrade trade) {
        called("create", trade.outTradeNo(), Optional.of(trade));
        if (down.isPresent()) return down.get();
        trades.putIfAbsent(trade.outTradeNo(), new Trade(trade, TradeState.NOT_PAID, Optional.empty()));
        String no = trade.outTradeNo().value();
        PayLink link = switch (trade.scene()) {
            case NATIVE -> new PayLink.CodeUrl("weixin://wxpay/bizpayurl?pr=" + no);
            case JSAPI -> new PayLink.JsapiPrepay("wx" + no, new JsapiPayParams("wxd678efh567hg6787", "1414561699",
                    "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "prepay_id=wx" + no, "RSA", "c2lnbmVkIGJ5IHRoZSBtZXJjaGFudA=="));
            case H5 -> new PayLink.H5Url("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx" + no);
            case QR -> new PayLink.QrCode("https://qr.alipay.com/" + no);
            case PAGE, WAP -> new PayLink.PayUrl("https://openapi.alipay.com/gateway.do?out_trade_no=" + no + "&sign=x");
        };
        return new TradeOpened(link);
    }

    @Override
    public TradeLookup query(TradeRef ref) {
        called("query", ref.outTradeNo(), Optional.empty());
        if (down.isPresent()) return down.get();
        Trade trade = trades.get(ref.outTradeNo());
        if (trade == null) return TradeStatus.unpaid(TradeState.NOT_FOUND, "ORDER_NOT_EXIST");
        return switch (trade.state()) {
            case PAID -> TradeStatus.paid("SUCCESS", trade.payment().orElseThrow());
            case CLOSED -> TradeStatus.unpaid(TradeState.CLOSED, "CLOSED");
            default -> TradeStatus.unpaid(TradeState.NOT_PAID, "NOTPAY");
        };
    }

    @Override
    public TradeClosing close(TradeRef ref) {
        called("close", ref.outTradeNo(), Optional.empty());
        if (down.isPresent()) return down.get();
        Trade trade = trades.get(ref.outTradeNo());
        if (trade == null) return new TradeNotFound();
        if (trade.state() == TradeState.PAID) return new CloseRefusedPaid("ORDERPAID");
        trades.put(ref.outTradeNo(), new Trade(trade.request(), TradeState.CLOSED, Optional.empty()));
        return new TradeClosed();
    }

    private void called(String operation, OutTradeNo outTradeNo, Optional<NewTrade> trade) {
        calls.add(new Call(operation, outTradeNo, trade));
        if (inTransaction.getAsBoolean()) callsInsideTransactions.add(operation + " " + outTradeNo);
    }

    /**
     * What the provider answers to refund calls from now on: {@link RefundAnswer.Succeeded} by default;
     * a {@link RefundAnswer.Refused} refuses; a {@link ProviderFailure} is answered without the refund being made.
     */
    public void answerRefunds(RefundAnswer answer) {
        refundAnswer = Optional.of(answer);
    }

    /** The next refund calls reach the provider, which refunds, but the answer is lost on the way back (a timeout). */
    public void loseRefundAnswers(boolean lose) {
        refundLostAnswer = lose;
    }

    /** The refunds the provider made, one per out_refund_no. */
    public Map<RefundNo, RefundCall> refundsMade() {
        return Map.copyOf(refunds);
    }

    public List<RefundCall> refundCalls() {
        return List.copyOf(refundCalls);
    }

    @Override
    public RefundAnswer refund(RefundCall refund) {
        refundCalls.add(refund);
        if (inTransaction.getAsBoolean()) callsInsideTransactions.add("refund " + refund.refundNo());
        if (down.isPresent()) return down.get();
        RefundAnswer answer = refundAnswer.orElse(new RefundAnswer.Succeeded("SUCCESS"));
        if (answer instanceof RefundAnswer.Refused || answer instanceof ProviderFailure) return answer;
        refunds.putIfAbsent(refund.refundNo(), refund);
        if (refundLostAnswer) return new ProviderFailure.TimedOut("refund: no answer");
        return answer;
    }

    @Override
    public RefundAnswer queryRefund(RefundCall refund) {
        if (inTransaction.getAsBoolean()) callsInsideTransactions.add("queryRefund " + refund.refundNo());
        if (down.isPresent()) return down.get();
        return refunds.containsKey(refund.refundNo()) ? new RefundAnswer.Succeeded("SUCCESS") : new RefundAnswer.NotFound("RESOURCE_NOT_EXISTS");
    }

    /** The amount of a trade as it was created. */
    public Money amountOf(OutTradeNo outTradeNo) {
        return trades.get(outTradeNo).request().amount();
    }

    static List<String> operations(List<Call> calls) {
        List<String> ops = new ArrayList<>();
        for (Call call : calls) ops.add(call.operation() + " " + call.outTradeNo());
        return ops;
    }
}
