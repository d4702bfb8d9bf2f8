package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.NotFound;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.OutTradeNo;
import dev.ordersystem.core.domain.PaymentScene;
import dev.ordersystem.core.port.AttemptState;
import dev.ordersystem.core.port.PaymentAttempt;
import dev.ordersystem.core.port.provider.JsapiPayParams;
import dev.ordersystem.core.port.provider.PayLink;
import dev.ordersystem.core.port.provider.TradeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.PaymentAttempts}. */
public abstract class AbstractPaymentAttemptsTest extends StorageFixtures {

    private PaymentAttempt starting(OrderNo order, int attempt, PaymentScene scene, Instant at) {
        return PaymentAttempt.starting(order, attempt, scene, cny(4_200),
                scene == PaymentScene.JSAPI ? Optional.of("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o") : Optional.empty(),
                scene == PaymentScene.H5 ? Optional.of("2001:db8::1") : Optional.empty(), at);
    }

    @Test
    void keepsEveryFieldOfEveryScenesAnswer() {
        // The longest answer: an Alipay page-pay address with its signed biz_content runs to kilobytes.
        String payUrl = "https://openapi.alipay.com/gateway.do?" + "biz_content=%7B%22subject%22%3A%22%E8%8C%B6%22%7D&sign=".repeat(60);
        List<PayLink> links = List.of(
                new PayLink.CodeUrl("weixin://wxpay/bizpayurl?pr=aIQrOYOzz"),
                new PayLink.JsapiPrepay("wx201410272009395522657a690389285100", new JsapiPayParams("wx8888888888888888",
                        "1414561699", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "prepay_id=wx201410272009395522657a690389285100",
                        "RSA", "oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ/X+QBhcCYL21N7cHCTUxbQ+EAt6Uy+lwSN22f5YZvI45MLko8Pfso0jm46v5hqcVwrk6uddkGuT+Cdvu4WBqDzaDjnNa5UK3GfE1Wfl2gHxIIY5lLdUgWFts17D4WuolLLkiFZV+JSHMvH7eaLdT9N5GBovBwu5yYKUR7skR8Fu+LozcSqQixnlEZUfyE55feLOQTUYzLmR9pNtPbPsu6WVhbNHMS3Ss2+AehHvz+n64GDmXxbX++IOBvm2olHu3PsOUGRwhudhVf7UcGcunXt8cqNjKNqZLhLw4jq/xDg==")),
                new PayLink.H5Url("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016121516420242444321ca0631331346&package=1405458241"),
                new PayLink.QrCode("https://qr.alipay.com/bax03431ljhokirwl38f00a7"),
                new PayLink.PayUrl(payUrl),
                new PayLink.PayUrl(payUrl + "&wap=1"));
        List<PaymentScene> scenes = List.of(PaymentScene.NATIVE, PaymentScene.JSAPI, PaymentScene.H5, PaymentScene.QR,
                PaymentScene.PAGE, PaymentScene.WAP);
        for (int i = 0; i < scenes.size(); i++) {
            OrderNo order = newOrderNo();
            PaymentAttempt started = starting(order, 1, scenes.get(i), now);
            storage.attempts().add(started);
            assertThat(storage.attempts().find(started.outTradeNo())).contains(started);

            PaymentAttempt open = started.opened(links.get(i));
            storage.attempts().update(open, AttemptState.STARTING);

            assertThat(storage.attempts().find(open.outTradeNo())).contains(open);
            assertThat(storage.attempts().findOpen(order)).contains(open);
        }
    }

    @Test
    void anOrderHasOneOpenAttemptAtATime() {
        OrderNo order = newOrderNo();
        PaymentAttempt first = starting(order, 1, PaymentScene.NATIVE, now);
        storage.attempts().add(first);

        assertThatThrownBy(() -> storage.attempts().add(starting(order, 2, PaymentScene.QR, now)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage.attempts().findByOrder(order)).containsExactly(first);

        PaymentAttempt closed = first.closed(now.plusSeconds(5));
        storage.attempts().update(closed, AttemptState.STARTING);
        PaymentAttempt second = starting(order, 2, PaymentScene.QR, now.plusSeconds(6));
        storage.attempts().add(second);

        assertThat(storage.attempts().findOpen(order)).contains(second);
        assertThat(storage.attempts().findByOrder(order)).containsExactly(closed, second);
        OrderNo none = newOrderNo();
        assertThat(storage.attempts().findOpen(none)).isEmpty();
        OrderNo other = newOrderNo();
        PaymentAttempt another = starting(other, 1, PaymentScene.NATIVE, now);
        storage.attempts().add(another);
        assertThat(storage.attempts().findOpenAmong(List.of(order, none, other, order)))
                .containsExactlyInAnyOrder(second, another);
        assertThat(storage.attempts().findOpenAmong(List.of())).isEmpty();
    }

    @Test
    void anOutTradeNoIsRecordedOnce() {
        OrderNo order = newOrderNo();
        PaymentAttempt first = starting(order, 1, PaymentScene.NATIVE, now);
        storage.attempts().add(first);
        storage.attempts().update(first.failed("unreachable: connection refused", now), AttemptState.STARTING);

        assertThatThrownBy(() -> storage.attempts().add(starting(order, 1, PaymentScene.H5, now)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage.attempts().find(OutTradeNo.of(order, 1)).orElseThrow().failure())
                .contains("unreachable: connection refused");
    }

    @Test
    void updatesAreGuardedByTheExpectedState() {
        OrderNo order = newOrderNo();
        PaymentAttempt started = starting(order, 1, PaymentScene.QR, now);
        storage.attempts().add(started);
        PaymentAttempt open = started.opened(new PayLink.QrCode("https://qr.alipay.com/bax1"));
        storage.attempts().update(open, AttemptState.STARTING);

        assertThatThrownBy(() -> storage.attempts().update(started.failed("late", now), AttemptState.STARTING))
                .isInstanceOf(NotFound.class);
        PaymentAttempt checked = open.checked(TradeState.NOT_PAID, "WAIT_BUYER_PAY", now.plusSeconds(3));
        storage.attempts().update(checked, AttemptState.OPEN);
        PaymentAttempt paid = checked.paid(now.plusSeconds(4));
        storage.attempts().update(paid, AttemptState.OPEN);

        assertThat(storage.attempts().find(open.outTradeNo())).contains(paid);
        assertThat(storage.attempts().findOpen(order)).isEmpty();
        assertThatThrownBy(() -> storage.attempts().update(checked.closed(now), AttemptState.OPEN)).isInstanceOf(NotFound.class);
        assertThat(storage.attempts().find(open.outTradeNo())).contains(paid);
    }

    @Test
    void unheardAttemptsAreOpenOldEnoughAndNotAskedLately() {
        Instant base = now.minus(Duration.ofHours(1));
        PaymentAttempt neverAsked = open(starting(newOrderNo(), 1, PaymentScene.NATIVE, base));
        PaymentAttempt askedLongAgo = open(starting(newOrderNo(), 1, PaymentScene.QR, base.plusSeconds(1)))
                .checked(TradeState.NOT_PAID, "WAIT_BUYER_PAY", base.plusSeconds(2));
        storage.attempts().update(askedLongAgo, AttemptState.OPEN);
        PaymentAttempt askedLately = open(starting(newOrderNo(), 1, PaymentScene.NATIVE, base.plusSeconds(3)))
                .checked(TradeState.NOT_PAID, "NOTPAY", base.plusSeconds(200));
        storage.attempts().update(askedLately, AttemptState.OPEN);
        PaymentAttempt tooYoung = open(starting(newOrderNo(), 1, PaymentScene.NATIVE, base.plusSeconds(150)));
        PaymentAttempt stuckStarting = starting(newOrderNo(), 1, PaymentScene.H5, base.plusSeconds(4));
        storage.attempts().add(stuckStarting);
        PaymentAttempt ended = open(starting(newOrderNo(), 1, PaymentScene.NATIVE, base.plusSeconds(5)));
        storage.attempts().update(ended.closed(base.plusSeconds(6)), AttemptState.OPEN);

        List<PaymentAttempt> unheard = storage.attempts().findUnheard(base.plusSeconds(100), base.plusSeconds(100), 1_000);

        assertThat(unheard).contains(neverAsked, askedLongAgo, stuckStarting)
                .doesNotContain(askedLately, tooYoung)
                .noneMatch(a -> a.outTradeNo().equals(ended.outTradeNo()));
        // least recently asked first: created (never asked) at +0, asked at +2, created at +4
        assertThat(unheard.stream().filter(a -> List.of(neverAsked, askedLongAgo, stuckStarting).contains(a)).toList())
                .containsExactly(neverAsked, askedLongAgo, stuckStarting);
        assertThat(storage.attempts().findUnheard(base.plusSeconds(100), base.plusSeconds(100), 1)).hasSize(1);
    }

    @Test
    void anAttemptWrittenInARolledBackTransactionLeavesNothing() {
        OrderNo order = newOrderNo();
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.attempts().add(starting(order, 1, PaymentScene.NATIVE, now));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(storage.attempts().findByOrder(order)).isEmpty();
        assertThat(storage.attempts().findOpen(order)).isEmpty();
        storage.attempts().add(starting(order, 1, PaymentScene.NATIVE, now)); // the slot and the number are free again
    }

    private PaymentAttempt open(PaymentAttempt started) {
        storage.attempts().add(started);
        PaymentAttempt open = started.opened(started.scene() == PaymentScene.QR ? new PayLink.QrCode("https://qr.alipay.com/x")
                : started.scene() == PaymentScene.H5 ? new PayLink.H5Url("https://wx.tenpay.com/h5")
                : new PayLink.CodeUrl("weixin://wxpay/bizpayurl?pr=x"));
        storage.attempts().update(open, AttemptState.STARTING);
        return open;
    }
}
