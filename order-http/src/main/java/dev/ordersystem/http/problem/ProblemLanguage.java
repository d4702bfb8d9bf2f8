package dev.ordersystem.http.problem;

import java.util.List;
import java.util.Locale;

/**
 * The languages problem answers are written in, chosen by the request's {@code Accept-Language}:
 * Simplified Chinese when the caller prefers Chinese ({@code zh}, {@code zh-CN}, {@code zh-Hans},
 * or a weighted list where a Chinese range ranks above English; ranges
 * of other languages are skipped), English otherwise or without
 * the header. Only the texts change; the {@code code} never does.
 */
public enum ProblemLanguage {
    ENGLISH("en", "en"),
    CHINESE("zh", "zh-CN");

    public static final String ACCEPT_LANGUAGE = "Accept-Language";
    public static final String CONTENT_LANGUAGE = "Content-Language";
    private static final List<String> TAGS = List.of("en", "zh");

    private final String tag;
    private final String contentLanguage;

    ProblemLanguage(String tag, String contentLanguage) {
        this.tag = tag;
        this.contentLanguage = contentLanguage;
    }

    /** The language for an {@code Accept-Language} value (null when absent); never fails. */
    public static ProblemLanguage of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) return ENGLISH;
        try {
            // RFC 4647 lookup: ranges by weight, each tried then shortened (zh-Hans-CN, zh-Hans, zh).
            String best = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), TAGS);
            return "zh".equals(best) ? CHINESE : ENGLISH;
        } catch (IllegalArgumentException malformed) {
            return ENGLISH;
        }
    }

    /** The catalogue's file suffix ({@code problems_zh.properties}). */
    String tag() {
        return tag;
    }

    /** The {@code Content-Language} the answer carries. */
    public String contentLanguage() {
        return contentLanguage;
    }
}
