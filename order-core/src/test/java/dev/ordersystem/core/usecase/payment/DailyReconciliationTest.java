package dev.ordersystem.core.usecase.payment;

import dev.ordersystem.core.OrderSettings;
import dev.ordersystem.core.OrderSystem;
import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.domain.PaymentChannel;
import dev.ordersystem.core.memory.InMemoryFastPath;
import dev.ordersystem.core.memory.InMemoryLocalRefunds;
import dev.ordersystem.core.memory.InMemoryReconciliations;
import dev.ordersystem.core.memory.InMemoryStorage;
import dev.ordersystem.core.port.Storage;
import dev.ordersystem.core.port.provider.BillFetch;
import dev.ordersystem.core.port.provider.ProviderBills;
import dev.ordersystem.core.port.provider.ProviderFailure;
import dev.ordersystem.core.port.provider.TradeBill;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily schedule: yesterday's bills (China time) once the local time of day has come, once a day, failures asked again later. */
class DailyReconciliationTest {
    // 2031-03-01 10:29 local time in UTC is 18:29 in China: "yesterday" there is 2031-02-28.
    private final MutableClock clock = new MutableClock(Instant.parse("2031-03-01T10:29:00Z"));
    private final Storage storage = InMemoryStorage.create(Currency.getInstance("CNY"), clock);
    private final OrderSystem system = new OrderSystem(storage, InMemoryFastPath.create(clock), OrderSettings.defaults(), clock);
    private final List<String> asked = new ArrayList<>();
    private volatile boolean providerDown;
    private final ProviderBills bills = new ProviderBills() {
        @Override
        public Set<PaymentChannel> channels() {
            return Set.of(PaymentChannel.WECHAT, PaymentChannel.ALIPAY);
        }

        @Override
        public BillFetch tradeBill(PaymentChannel channel, LocalDate billDate) {
            asked.add(channel + " " + billDate);
            if (providerDown && channel == PaymentChannel.ALIPAY) return new BillFetch.Failed(new ProviderFailure.TimedOut("test"));
            return new TradeBill(channel, billDate, List.of(), List.of());
        }
    };
    private final DailyReconciliation daily = new DailyReconciliation(new ReconcileBill(bills, InMemoryReconciliations.over(storage),
            storage.payments(), storage.attempts(), new InMemoryLocalRefunds(), system.applyPayment(), ReconciliationListener.none(),
            "node-1", Duration.ofMinutes(15), clock), LocalTime.of(10, 30), ZoneOffset.UTC, Duration.ofMinutes(10), clock);

    @Test
    void runsYesterdaysBillsOfEveryChannelOnceTheTimeHasComeAndOnceADay() {
        assertThat(daily.runIfDue()).isEmpty();
        assertThat(asked).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(daily.runIfDue()).extracting(r -> r.reconciliation().channel() + " " + r.reconciliation().billDate())
                .containsExactly("WECHAT 2031-02-28", "ALIPAY 2031-02-28");
        clock.advance(Duration.ofHours(3));
        assertThat(daily.runIfDue()).isEmpty();
        assertThat(asked).containsExactly("WECHAT 2031-02-28", "ALIPAY 2031-02-28");

        clock.advance(Duration.ofHours(21));
        assertThat(daily.runIfDue()).hasSize(2);
        assertThat(asked).endsWith("WECHAT 2031-03-01", "ALIPAY 2031-03-01");
    }

    @Test
    void aBillThatCannotBeHadIsAskedForAgainAfterTheRetryIntervalOnly() {
        providerDown = true;
        clock.advance(Duration.ofMinutes(2));
        assertThat(daily.runIfDue()).hasSize(1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(daily.runIfDue()).isEmpty();
        assertThat(asked).containsExactly("WECHAT 2031-02-28", "ALIPAY 2031-02-28");

        providerDown = false;
        clock.advance(Duration.ofMinutes(6));
        assertThat(daily.runIfDue()).extracting(r -> r.reconciliation().channel()).containsExactly(PaymentChannel.ALIPAY);
        assertThat(asked).containsExactly("WECHAT 2031-02-28", "ALIPAY 2031-02-28", "ALIPAY 2031-02-28");
    }
}
