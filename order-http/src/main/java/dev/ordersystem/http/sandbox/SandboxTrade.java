package dev.ordersystem.http.sandbox;

import dev.ordersystem.core.domain.PaymentChannel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One trade the sandbox provider keeps, as WeChat Pay or Alipay would: what the merchant opened
 * (kind, amount, subject, deadline, where to notify) and what became of it. Immutable: the
 * {@link SandboxTradeBook} swaps one version for the next atomically.
 *
 * @param kind    WeChat {@code trade_type} ({@code NATIVE}, {@code JSAPI}, {@code MWEB}) or the Alipay method that opened it
 * @param payLink what the create call answered (code_url, prepay_id, h5_url, qr_code), so a repeat answers the same
 */
public record SandboxTrade(PaymentChannel channel, String outTradeNo, String kind, long amountMinor, String currency,
                           String subject, Optional<Instant> expiresAt, String notifyUrl, Optional<String> openId,
                           State state, Optional<String> tradeNo, long paidMinor, Optional<Instant> paidAt,
                           String payLink, Instant createdAt) {
    /** Waiting for the buyer, paid, or closed (by the merchant). */
    public enum State { WAITING, PAID, CLOSED }

    public SandboxTrade {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(openId, "openId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(paidAt, "paidAt");
    }

    /** Whether the buyer could pay now: waiting, and its deadline ({@code time_expire}) not passed. */
    public boolean payableAt(Instant now) {
        return state == State.WAITING && expiresAt.map(now::isBefore).orElse(true);
    }

    /** The same trade, paid. */
    public SandboxTrade paid(String providerTradeNo, long paid, Instant at) {
        return new SandboxTrade(channel, outTradeNo, kind, amountMinor, currency, subject, expiresAt, notifyUrl, openId,
                State.PAID, Optional.of(providerTradeNo), paid, Optional.of(at), payLink, createdAt);
    }

    /** The same trade, closed. */
    public SandboxTrade closed() {
        return new SandboxTrade(channel, outTradeNo, kind, amountMinor, currency, subject, expiresAt, notifyUrl, openId,
                State.CLOSED, tradeNo, paidMinor, paidAt, payLink, createdAt);
    }

    /** Whether a repeated create asks for this same trade (same kind, amount and buyer). */
    public boolean sameAs(SandboxTrade other) {
        return kind.equals(other.kind) && amountMinor == other.amountMinor && currency.equals(other.currency) && openId.equals(other.openId);
    }
}
