package dev.ordersystem.app;

import dev.ordersystem.core.port.provider.PaymentProvider;
import dev.ordersystem.http.payment.PaymentChannels;

import dev.ordersystem.core.port.provider.BillsByChannel;
import dev.ordersystem.core.port.provider.ProviderBills;

import java.util.Objects;

/**
 * The payment side of one server, built together so the sandbox's keys are the same on both
 * sides: what the notify routes verify with ({@code channels}) and what the use cases start,
 * query and close trades with ({@code provider}, the WeChat Pay and Alipay clients).
 */
public record PaymentWiring(PaymentChannels channels, PaymentProvider provider, ProviderBills bills) {
    public PaymentWiring {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(bills, "bills");
    }

    /** Without bills: nothing to reconcile. */
    public PaymentWiring(PaymentChannels channels, PaymentProvider provider) {
        this(channels, provider, BillsByChannel.none());
    }
}
