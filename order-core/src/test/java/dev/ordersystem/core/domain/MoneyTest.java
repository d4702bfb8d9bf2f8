package dev.ordersystem.core.domain;

import org.junit.jupiter.api.Test;

import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void arithmeticStaysInMinorUnits() {
        Money price = Money.of(1_999, CNY);

        assertThat(price.times(3)).isEqualTo(Money.of(5_997, CNY));
        assertThat(price.plus(Money.of(1, CNY))).isEqualTo(Money.of(2_000, CNY));
        assertThat(price.minus(Money.of(2_000, CNY)).isNegative()).isTrue();
        assertThat(price.compareTo(Money.of(2_000, CNY))).isNegative();
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(1, CNY).plus(Money.of(1, USD))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, CNY).compareTo(Money.of(1, USD))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToOverflow() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, CNY).plus(Money.of(1, CNY))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 2 + 1, CNY).times(2)).isInstanceOf(ArithmeticException.class);
    }
}
