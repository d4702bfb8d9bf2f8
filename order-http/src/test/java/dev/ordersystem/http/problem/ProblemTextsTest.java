package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.FieldFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The two catalogues cover every error code, field fault and order status, and the header picks the language. */
class ProblemTextsTest {
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @Test
    void bothCataloguesHoldEveryCodeFieldFaultAndStatusAndNothingElse() {
        Properties english = ProblemTexts.catalogue(ProblemLanguage.ENGLISH);
        Properties chinese = ProblemTexts.catalogue(ProblemLanguage.CHINESE);
        assertThat(english.stringPropertyNames()).containsAll(ProblemTexts.requiredKeys());
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ProblemTexts.requiredKeys()).contains("title." + code.number(), "detail." + code.number());
        }
        for (FieldFault fault : FieldFault.values()) assertThat(ProblemTexts.requiredKeys()).contains("fault." + fault.name());
        assertThatCode(ProblemTexts::load).doesNotThrowAnyException();
    }

    @Test
    void chineseTextsAreChineseAndEnglishTextsAreNot() {
        Properties english = ProblemTexts.catalogue(ProblemLanguage.ENGLISH);
        Properties chinese = ProblemTexts.catalogue(ProblemLanguage.CHINESE);
        for (String key : ProblemTexts.requiredKeys()) {
            if (key.equals("list.separator")) continue;
            assertThat(HAN.matcher(chinese.getProperty(key)).find()).as("zh " + key + ": " + chinese.getProperty(key)).isTrue();
            assertThat(HAN.matcher(english.getProperty(key)).find()).as("en " + key).isFalse();
            // The same placeholders in both, so no value is dropped in one language.
            assertThat(placeholders(chinese.getProperty(key))).as(key).isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    @Test
    void theSourceDesignsToneForStockAndBalance() {
        ProblemTexts texts = ProblemTexts.load();
        assertThat(texts.detail(ErrorCode.INSUFFICIENT_STOCK, ProblemLanguage.CHINESE, "白毫银针", 2))
                .isEqualTo("商品【白毫银针】库存不足，仅剩 2 件。");
        assertThat(texts.detail(ErrorCode.INSUFFICIENT_BALANCE, ProblemLanguage.CHINESE, "99.00 CNY", "0.00 CNY"))
                .startsWith("用户余额不足");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "zh | CHINESE", "zh-CN | CHINESE", "zh-Hans | CHINESE", "zh-Hans-CN | CHINESE", "ZH-cn | CHINESE",
            "en;q=0.5, zh;q=0.9 | CHINESE", "zh-CN,zh;q=0.9,en;q=0.8 | CHINESE", "fr, zh;q=0.8 | CHINESE",
            "en-US,en;q=0.9,zh;q=0.8 | ENGLISH", "en | ENGLISH", "de | ENGLISH", "* | ENGLISH",
            "zh;q=0 | ENGLISH", "NONE | ENGLISH", "'' | ENGLISH", "zh;q=nonsense | ENGLISH", ";;; | ENGLISH"})
    void acceptLanguagePicksChineseOnlyWhenChineseIsPreferred(String header, ProblemLanguage expected) {
        assertThat(ProblemLanguage.of(header)).isEqualTo(expected);
    }

    private static String placeholders(String text) {
        return Pattern.compile("\\{\\d}").matcher(text).results().map(m -> m.group()).sorted().toList().toString();
    }
}
