package dev.ordersystem.http.problem;

import dev.ordersystem.core.domain.ErrorCode;
import dev.ordersystem.core.domain.FieldError;
import dev.ordersystem.core.domain.FieldFault;
import dev.ordersystem.core.domain.OrderStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The message catalogues of problem answers, one UTF-8 properties file per {@link ProblemLanguage}
 * ({@code problems_en.properties}, {@code problems_zh.properties} next to this class): a title and
 * a detail for every {@link ErrorCode}, a message for every {@link FieldFault}, a name for every
 * {@link OrderStatus}. Loading refuses a catalogue that lacks any of them, so no answer can fall
 * back to a key or to Java's {@code toString}.
 */
public final class ProblemTexts {
    static final String STOCK_UNNAMED = "detail.40002.unnamed";
    private static final String SEPARATOR = "list.separator";

    private final Map<ProblemLanguage, Properties> catalogues;

    private ProblemTexts(Map<ProblemLanguage, Properties> catalogues) {
        this.catalogues = catalogues;
    }

    /** @throws IllegalStateException naming the keys a catalogue lacks */
    public static ProblemTexts load() {
        Map<ProblemLanguage, Properties> catalogues = new EnumMap<>(ProblemLanguage.class);
        for (ProblemLanguage language : ProblemLanguage.values()) {
            Properties catalogue = catalogue(language);
            List<String> missing = requiredKeys().stream().filter(key -> catalogue.getProperty(key) == null).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("problems_" + language.tag() + ".properties lacks " + missing);
            }
            catalogues.put(language, catalogue);
        }
        return new ProblemTexts(catalogues);
    }

    /** Every key each catalogue must hold. */
    static List<String> requiredKeys() {
        List<String> keys = new ArrayList<>(List.of(SEPARATOR, STOCK_UNNAMED));
        for (ErrorCode code : ErrorCode.values()) {
            keys.add(titleKey(code));
            keys.add(detailKey(code));
        }
        for (FieldFault fault : FieldFault.values()) keys.add("fault." + fault.name());
        for (OrderStatus status : OrderStatus.values()) keys.add("status." + status.name());
        return keys;
    }

    /** One language's catalogue as it is stored. */
    static Properties catalogue(ProblemLanguage language) {
        String name = "problems_" + language.tag() + ".properties";
        try (InputStream in = ProblemTexts.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the catalogue " + name + " is missing from the jar");
            Properties catalogue = new Properties();
            catalogue.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return catalogue;
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    static String titleKey(ErrorCode code) {
        return "title." + code.number();
    }

    static String detailKey(ErrorCode code) {
        return "detail." + code.number();
    }

    public String title(ErrorCode code, ProblemLanguage language) {
        return text(language, titleKey(code));
    }

    /** The detail of {@code code}, its {@code {0}}, {@code {1}}, ... filled with {@code args}. */
    public String detail(ErrorCode code, ProblemLanguage language, Object... args) {
        return text(language, detailKey(code), args);
    }

    /** The text under {@code key} with its placeholders filled. */
    String text(ProblemLanguage language, String key, Object... args) {
        String text = catalogues.get(language).getProperty(key);
        if (text == null) throw new IllegalArgumentException("no text " + key); // load() checked every key
        for (int i = 0; i < args.length; i++) text = text.replace("{" + i + "}", String.valueOf(args[i]));
        return text;
    }

    public String status(OrderStatus status, ProblemLanguage language) {
        return text(language, "status." + status.name());
    }

    public String message(FieldError error, ProblemLanguage language) {
        return text(language, "fault." + error.fault().name(), error.args().toArray());
    }

    public List<InvalidField> fields(List<FieldError> errors, ProblemLanguage language) {
        return errors.stream().map(e -> new InvalidField(e.field(), message(e, language))).toList();
    }

    /** Joins names the way the language lists them ({@code a, b} / {@code a、b}). */
    public String list(List<String> names, ProblemLanguage language) {
        return String.join(text(language, SEPARATOR), names);
    }
}
