package dev.ordersystem.http.payment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YuanAmountTest {
    @ParameterizedTest
    @CsvSource({"0.01,1", "0.1,10", "12,1200", "12.3,1230", "12.30,1230", "0,0", "0.29,29", "1.15,115", "9999999999999.99,999999999999999"})
    void convertsExactly(String yuan, long fen) {
        assertThat(YuanAmount.toFen(yuan)).isEqualTo(fen);
        assertThat(YuanAmount.toFen(YuanAmount.ofFen(fen))).isEqualTo(fen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.001", "-1.00", "1e2", "01.00", ".5", "5.", " 5", "1,00", "", "NaN", "0x10", "１２"})
    void refusesAnythingButPlainYuanWithUpToTwoDecimals(String yuan) {
        assertThatThrownBy(() -> YuanAmount.toFen(yuan)).isInstanceOf(NotificationRejected.class)
                .extracting(e -> ((NotificationRejected) e).reason()).isEqualTo(NotificationRejected.Reason.MALFORMED);
    }
}
