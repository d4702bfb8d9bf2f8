package dev.ordersystem.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line of bin/faults: what --short runs in CI, and which faults a run injects. */
class OptionsTest {
    @Test
    void theShortVersionIsTwoBriefRunsWithoutTheDatabaseRestartOrCrashButWithTheSandboxKillAndLatePayments() {
        Options options = Options.parse(new String[]{"--short"});
        assertThat(options.instances()).containsExactly(1, 3);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.clients()).isEqualTo(100);
        assertThat(options.faults()).containsExactlyInAnyOrder(Fault.REDIS, Fault.SANDBOX, Fault.SLOW_DB, Fault.KILL, Fault.LATE_PAYMENTS);
    }

    @Test
    void theFullVersionInjectsEveryFault() {
        Options options = Options.parse(new String[0]);
        assertThat(options.clients()).isEqualTo(500);
        assertThat(options.faults()).containsExactlyInAnyOrder(Fault.values());
        assertThat(Options.parse(new String[]{"--no-db-restart"}).faults()).doesNotContain(Fault.DB_RESTART).contains(Fault.KILL);
        assertThat(Options.parse(new String[]{"--short", "--db-restart"}).faults()).contains(Fault.DB_RESTART);
        assertThat(Options.parse(new String[]{"--no-db-crash"}).faults()).doesNotContain(Fault.DB_CRASH).contains(Fault.DB_RESTART);
        assertThat(Options.parse(new String[]{"--short", "--db-crash"}).faults()).contains(Fault.DB_CRASH);
    }

    @Test
    void faultsCanBeChosenOrLeftOut() {
        assertThat(Options.parse(new String[]{"--faults", "kill,slow-db"}).faults()).isEqualTo(Set.of(Fault.KILL, Fault.SLOW_DB));
        assertThat(Options.parse(new String[]{"--faults", "db-crash"}).faults()).isEqualTo(Set.of(Fault.DB_CRASH));
        assertThat(Options.parse(new String[]{"--faults", "late-payments"}).faults()).isEqualTo(Set.of(Fault.LATE_PAYMENTS));
        assertThat(Options.parse(new String[]{"--short", "--faults", "none"}).faults()).isEmpty();
        assertThat(Options.parse(new String[]{"--instances", "3", "--duration", "1m", "--clients", "50"}))
                .extracting(Options::instances, Options::duration, Options::clients)
                .containsExactly(List.of(3), Duration.ofMinutes(1), 50);
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> Options.parse(new String[]{"--faults", "redis,meteor"})).hasMessageContaining("meteor");
        assertThatThrownBy(() -> Options.parse(new String[]{"--faults"})).hasMessageContaining("--faults needs a value");
        assertThatThrownBy(() -> Options.parse(new String[]{"--duration", "5s"})).hasMessageContaining("--duration");
        assertThatThrownBy(() -> Options.parse(new String[]{"--clients", "0"})).hasMessageContaining("--clients");
        assertThatThrownBy(() -> Options.parse(new String[]{"--loud"})).hasMessageContaining("--loud");
    }
}
