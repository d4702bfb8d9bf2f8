package dev.ordersystem.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line of bin/faults --cluster: what CI's short run is, and what it refuses. */
class ClusterOptionsTest {
    @Test
    void theShortVersionIsAHundredClientsForAtLeastThirtySeconds() {
        ClusterOptions options = ClusterOptions.parse(new String[]{"--cluster", "--short"});
        assertThat(options.clients()).isEqualTo(100);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.buyers()).isEqualTo(6);
    }

    @Test
    void theFullVersionIsTheUsualLoad() {
        ClusterOptions options = ClusterOptions.parse(new String[]{"--cluster"});
        assertThat(options.clients()).isEqualTo(500);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ClusterOptions.parse(new String[]{"--cluster", "--duration", "120s", "--clients", "200"}).duration())
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void refusesWhatTheClusterRunDoesNotDo() {
        // The instance count and the fault list are fixed on the cluster: accepting them would be a silent no-op.
        assertThatThrownBy(() -> ClusterOptions.parse(new String[]{"--cluster", "--instances", "1"})).hasMessageContaining("--instances");
        assertThatThrownBy(() -> ClusterOptions.parse(new String[]{"--cluster", "--faults", "redis"})).hasMessageContaining("--faults");
        assertThatThrownBy(() -> ClusterOptions.parse(new String[]{"--cluster", "--duration", "5s"})).hasMessageContaining("15s");
        assertThatThrownBy(() -> ClusterOptions.parse(new String[]{"--cluster", "--clients", "0"})).hasMessageContaining("--clients");
    }
}
