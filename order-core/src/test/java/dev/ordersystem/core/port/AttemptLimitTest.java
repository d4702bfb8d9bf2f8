package dev.ordersystem.core.port;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptLimitTest {

    @Test
    void readsBurstSlashWindowInSecondsMinutesOrHours() {
        assertThat(AttemptLimit.parse("login-client", "20/1m")).isEqualTo(new AttemptLimit("login-client", 20, Duration.ofMinutes(1)));
        assertThat(AttemptLimit.parse("x", " 5/30s ").window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(AttemptLimit.parse("x", "100/2h").window()).isEqualTo(Duration.ofHours(2));
        assertThat(AttemptLimit.parse("x", "20/1m").refillEvery()).isEqualTo(Duration.ofSeconds(3));
        assertThat(AttemptLimit.parse("x", "5/1m").refillEvery()).isEqualTo(Duration.ofSeconds(12));
        assertThat(AttemptLimit.parse("x", "20/1m").text()).isEqualTo("20/60s");
    }

    @Test
    void refusesWhatItCannotRead() {
        for (String bad : new String[]{"", "20", "20/", "/1m", "20/1", "20/1d", "0/1m", "-1/1m", "20/0s", "20/25h", "2000000/1m", "1.5/1m", "20 / 1m", "20/1M"}) {
            assertThatThrownBy(() -> AttemptLimit.parse("x", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
