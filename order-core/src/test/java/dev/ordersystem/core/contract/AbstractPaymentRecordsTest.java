package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.DuplicatePaymentRecord;
import dev.ordersystem.core.domain.Money;
import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.domain.PaymentRecord;
import dev.ordersystem.core.domain.PaymentStatus;
import dev.ordersystem.core.port.Page;
import dev.ordersystem.core.port.PageRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.PaymentRecords}. */
public abstract class AbstractPaymentRecordsTest extends StorageFixtures {

    private PaymentRecord record(OrderNo order, String trade, PaymentStatus status) {
        return new PaymentRecord(PaymentChannel.ALIPAY, trade, order, cny(4_200), now, status,
                "{\"trade_no\":\"" + trade + "\",\"note\":\"收到\"}", now);
    }

    @Test
    void recordsOncePerChannelAndTrade() {
        OrderNo order = newOrderNo();
        String trade = unique("ali");
        PaymentRecord first = record(order, trade, PaymentStatus.SUCCEEDED);

        storage.payments().add(first);

        assertThat(storage.payments().find(PaymentChannel.ALIPAY, trade)).contains(first);
        assertThat(storage.payments().find(PaymentChannel.WECHAT, trade)).isEmpty();
        assertThat(storage.payments().findByOrder(order)).containsExactly(first);
        assertThatThrownBy(() -> storage.payments().add(record(newOrderNo(), trade, PaymentStatus.UNMATCHED)))
                .isInstanceOf(DuplicatePaymentRecord.class);
        storage.payments().add(new PaymentRecord(PaymentChannel.WECHAT, trade, order, cny(1), now, PaymentStatus.MISMATCH, "{}", now));
        assertThat(storage.payments().findByOrder(order)).hasSize(2);
    }

    @Test
    void statusMovesAreGuarded() {
        PaymentRecord paid = record(newOrderNo(), unique("ali"), PaymentStatus.SUCCEEDED);
        storage.payments().add(paid);

        storage.payments().update(paid.withStatus(PaymentStatus.REFUND_REQUIRED), PaymentStatus.SUCCEEDED);

        assertThat(storage.payments().find(PaymentChannel.ALIPAY, paid.tradeNo()).orElseThrow().status())
                .isEqualTo(PaymentStatus.REFUND_REQUIRED);
        assertThatThrownBy(() -> storage.payments().update(paid.withStatus(PaymentStatus.REFUNDED), PaymentStatus.SUCCEEDED))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void listsOneStatusOldestFirstInPages() {
        List<PaymentRecord> mismatches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PaymentRecord r = record(newOrderNo(), unique("mismatch"), PaymentStatus.MISMATCH);
            storage.payments().add(r);
            mismatches.add(r);
        }

        List<PaymentRecord> seen = new ArrayList<>();
        Page<PaymentRecord> page = storage.payments().findByStatus(PaymentStatus.MISMATCH, PageRequest.first(2));
        seen.addAll(page.items());
        while (page.next().isPresent()) {
            page = storage.payments().findByStatus(PaymentStatus.MISMATCH, new PageRequest(page.next(), 2));
            seen.addAll(page.items());
        }

        assertThat(seen).allSatisfy(r -> assertThat(r.status()).isEqualTo(PaymentStatus.MISMATCH));
        assertThat(seen).containsSubsequence(mismatches);
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void aPaymentInAnotherCurrencyIsKeptWithItsCurrencyAndListed() {
        OrderNo order = newOrderNo();
        String trade = unique("wx-usd");
        // WeChat Pay reports amount.currency: a payment in dollars to a yuan shop is recorded for a person, never refused.
        PaymentRecord dollars = new PaymentRecord(PaymentChannel.WECHAT, trade, order, Money.of(1_000, Currency.getInstance("USD")),
                now, PaymentStatus.MISMATCH, "{\"amount\":{\"total\":1000,\"currency\":\"USD\"}}", now);

        storage.payments().add(dollars);

        assertThat(storage.payments().find(PaymentChannel.WECHAT, trade)).contains(dollars);
        assertThat(storage.payments().findByOrder(order)).containsExactly(dollars);
        List<PaymentRecord> listed = new ArrayList<>();
        Page<PaymentRecord> page = storage.payments().findByStatus(PaymentStatus.MISMATCH, PageRequest.first(100));
        listed.addAll(page.items());
        while (page.next().isPresent()) {
            page = storage.payments().findByStatus(PaymentStatus.MISMATCH, new PageRequest(page.next(), 100));
            listed.addAll(page.items());
        }
        assertThat(listed).contains(dollars);
        PaymentRecord shops = new PaymentRecord(PaymentChannel.WECHAT, unique("wx-cny"), order, cny(1_000), now,
                PaymentStatus.MISMATCH, "{}", now);
        storage.payments().add(shops);
        assertThat(storage.payments().findByOrder(order)).containsExactly(dollars, shops);
    }

    @Test
    void countsTheRecordsInAStatus() {
        long mismatchedBefore = storage.payments().countInStatus(PaymentStatus.MISMATCH);
        long unmatchedBefore = storage.payments().countInStatus(PaymentStatus.UNMATCHED);
        storage.payments().add(record(newOrderNo(), unique("ali"), PaymentStatus.MISMATCH));
        storage.payments().add(record(newOrderNo(), unique("ali"), PaymentStatus.MISMATCH));
        PaymentRecord settled = record(newOrderNo(), unique("ali"), PaymentStatus.UNMATCHED);
        storage.payments().add(settled);
        storage.payments().update(settled.withStatus(PaymentStatus.REFUNDED), PaymentStatus.UNMATCHED);

        assertThat(storage.payments().countInStatus(PaymentStatus.MISMATCH)).isEqualTo(mismatchedBefore + 2);
        assertThat(storage.payments().countInStatus(PaymentStatus.UNMATCHED)).isEqualTo(unmatchedBefore);
    }
}
