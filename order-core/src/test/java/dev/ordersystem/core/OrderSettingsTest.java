package dev.ordersystem.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderSettingsTest {
    private final OrderSettings defaults = OrderSettings.defaults();

    private record Change(String field, UnaryOperator<OrderSettings> apply, Object value) {
    }

    @Test
    void aWitherChangesItsOwnFieldAndKeepsEveryOther() {
        List<Change> changes = List.of(
                new Change("currency", s -> s.withCurrency(Currency.getInstance("EUR")), Currency.getInstance("EUR")),
                new Change("paymentTimeout", s -> s.withPaymentTimeout(Duration.ofMinutes(7)), Duration.ofMinutes(7)),
                new Change("duplicateWindow", s -> s.withDuplicateWindow(Duration.ofSeconds(9)), Duration.ofSeconds(9)),
                new Change("nodeId", s -> s.withNodeId(42), 42),
                new Change("passwordIterations", s -> s.withPasswordIterations(1_000), 1_000),
                new Change("sweepInterval", s -> s.withSweepInterval(Duration.ofSeconds(3)), Duration.ofSeconds(3)),
                new Change("sweepBatch", s -> s.withSweepBatch(17), 17),
                new Change("placementGroupSize", s -> s.withPlacementGroupSize(5), 5),
                new Change("gateLease", s -> s.withGateLease(Duration.ofSeconds(11)), Duration.ofSeconds(11)));

        for (Change change : changes) {
            OrderSettings changed = change.apply().apply(defaults);
            assertThat(changed).as(change.field()).hasFieldOrPropertyWithValue(change.field(), change.value());
            assertThat(changed).as(change.field()).usingRecursiveComparison().ignoringFields(change.field()).isEqualTo(defaults);
        }
    }

    @Test
    void aWitherChecksTheChangedSettingsLikeTheConstructor() {
        assertThatThrownBy(() -> defaults.withNodeId(1_000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeId");
        assertThatThrownBy(() -> defaults.withPaymentTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
