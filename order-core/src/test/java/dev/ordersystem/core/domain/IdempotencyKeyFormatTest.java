package dev.ordersystem.core.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyFormatTest {
    @ParameterizedTest
    @ValueSource(strings = {"k", "cart-42", "!~", "0123456789012345678901234567890123456789012345678901234567890123"})
    void oneToSixtyFourVisibleAsciiCharactersAreAKey(String key) {
        assertThat(IdempotencyKeyFormat.check(key)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "tab\there", "line\n", "caf\u00e9", "\u007f",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void anythingElseIsRefusedNamingTheHeaderAndTheLimit(String key) {
        assertThat(IdempotencyKeyFormat.check(key))
                .contains(FieldError.of("Idempotency-Key", FieldFault.VISIBLE_ASCII, 64));
    }
}
