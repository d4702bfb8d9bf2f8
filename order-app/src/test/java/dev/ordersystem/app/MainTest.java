package dev.ordersystem.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code Main} does with the configuration before anything starts (the exit-code path runs for real in MainIT). */
class MainTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aBadConfigurationIsRefusedWithEveryProblemListed() {
        Optional<AppConfig> config = Main.configuration(() -> ConfigSource.of(Map.of(
                "ORDER_DB_URL", "jdbc:mariadb://db:3306/shop",
                "ORDER_PAYMENT_TIMEOUT", "half an hour",
                "ORDER_HTTP_PORT", "70000")), err);

        assertThat(config).isEmpty();
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("invalid configuration:");
        assertThat(lines).contains(
                "  - ORDER_HTTP_PORT: must be 0..65535, was 70000",
                "  - ORDER_ADMIN_TOKEN: required when ORDER_DB_URL is set",
                "  - ORDER_PAYMENT_TIMEOUT: cannot read 'half an hour'");
        assertThat(lines.getLast()).contains("README");
    }

    @Test
    void aMissingConfigurationFileIsAProblemToo() {
        Optional<AppConfig> config = Main.configuration(() -> {
            throw new ConfigInvalid(List.of("ORDER_CONFIG_FILE: no such file /nowhere/order.properties"));
        }, err);

        assertThat(config).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ORDER_CONFIG_FILE: no such file");
    }

    @Test
    void aGoodConfigurationIsPassedOnAndNothingIsPrinted() {
        Optional<AppConfig> config = Main.configuration(() -> ConfigSource.of(Map.of(
                "ORDER_HTTP_PORT", "9000", "ORDER_PAYMENT_TIMEOUT", "PT5M")), err);

        assertThat(config).hasValueSatisfying(c -> assertThat(c.httpPort()).isEqualTo(9000));
        assertThat(printed.size()).isZero();
    }
}
