package dev.ordersystem.core.usecase.event;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryPacingTest {
    private final DeliveryPacing pacing = new DeliveryPacing(200, Duration.ofSeconds(60));

    @Test
    void whilePlacementsQueueATurnTakesItsShareOfTheBusyRate() {
        // 64 deliveries at 200 a second: 320 ms, of which the turn itself took 20.
        assertThat(pacing.pauseAfter(64, Duration.ofMillis(20), Duration.ofSeconds(5), true)).isEqualTo(Duration.ofMillis(300));
        assertThat(pacing.pauseAfter(64, Duration.ofMillis(400), Duration.ofSeconds(5), true)).as("a slow turn: no pause")
                .isZero();
    }

    @Test
    void withoutQueueingPlacementsOrOnceTheLagIsTooLongDeliveriesGoAtFullSpeed() {
        assertThat(pacing.pauseAfter(64, Duration.ofMillis(20), Duration.ofSeconds(5), false)).isZero();
        assertThat(pacing.pauseAfter(64, Duration.ofMillis(20), Duration.ofSeconds(60), true)).isZero();
        assertThat(pacing.pauseAfter(0, Duration.ZERO, Duration.ZERO, true)).as("nothing sent").isZero();
        assertThat(DeliveryPacing.unpaced().pauseAfter(64, Duration.ZERO, Duration.ZERO, true)).isZero();
    }

    @Test
    void aNegativeRateIsRefused() {
        assertThatThrownBy(() -> new DeliveryPacing(-1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
