package dev.ordersystem.core.usecase.order;

import dev.ordersystem.core.contract.MutableClock;
import dev.ordersystem.core.contract.Race;
import dev.ordersystem.core.domain.OrderNo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class OrderNumberGeneratorTest {

    @Test
    void carriesTimeNodeAndSequence() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:15:02.123Z"));
        OrderNumberGenerator numbers = new OrderNumberGenerator(7, clock);

        assertThat(numbers.next().value()).isEqualTo("20261125081502123007000");
        assertThat(numbers.next().value()).isEqualTo("20261125081502123007001");
    }

    @Test
    void neverRepeatsWhenAMillisecondOverflowsOrTheClockGoesBack() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:15:02.123Z"));
        OrderNumberGenerator numbers = new OrderNumberGenerator(1, clock);
        List<OrderNo> issued = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) issued.add(numbers.next());
        clock.advance(Duration.ofSeconds(-10));
        for (int i = 0; i < 500; i++) issued.add(numbers.next());

        assertThat(new HashSet<>(issued)).hasSize(3_000);
        assertThat(issued).isSorted();
    }

    @Test
    void isUniqueAcrossThreads() throws Exception {
        OrderNumberGenerator numbers = new OrderNumberGenerator(3, new MutableClock(Instant.now()));
        List<Callable<List<OrderNo>>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            tasks.add(() -> {
                List<OrderNo> mine = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) mine.add(numbers.next());
                return mine;
            });
        }

        var results = Race.run(16, tasks, Duration.ofSeconds(30));

        HashSet<OrderNo> all = new HashSet<>();
        results.forEach(r -> all.addAll(r.value()));
        assertThat(all).hasSize(32_000);
    }

    @Test
    void differentNodesNeverCollide() {
        MutableClock clock = new MutableClock(Instant.now());
        OrderNumberGenerator a = new OrderNumberGenerator(1, clock);
        OrderNumberGenerator b = new OrderNumberGenerator(2, clock);
        HashSet<OrderNo> all = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            all.add(a.next());
            all.add(b.next());
        }
        assertThat(all).hasSize(2_000);
    }
}
