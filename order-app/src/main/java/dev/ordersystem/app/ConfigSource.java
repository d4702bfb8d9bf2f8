package dev.ordersystem.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration values come from: environment variables, over an optional properties
 * file with the same keys ({@code ORDER_CONFIG_FILE}, else {@code ./order.properties} if present).
 */
public final class ConfigSource {
    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(values);
    }

    /** The process environment over the properties file it names (or {@code ./order.properties}). */
    public static ConfigSource fromEnvironment() {
        Map<String, String> env = System.getenv();
        Path file = Path.of(env.getOrDefault("ORDER_CONFIG_FILE", "order.properties"));
        Map<String, String> merged = new HashMap<>();
        if (Files.isRegularFile(file)) merged.putAll(read(file));
        else if (env.containsKey("ORDER_CONFIG_FILE")) throw new ConfigInvalid(List.of("ORDER_CONFIG_FILE: no such file " + file));
        merged.putAll(env);
        return new ConfigSource(merged);
    }

    private static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigInvalid(List.of("cannot read " + file + ": " + e.getMessage()));
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    /** The value of {@code key}, if set and not blank. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * The positive ISO-8601 duration under {@code key}, {@code fallback} when it is unset, or
     * {@code fallback} with a problem naming the key when it cannot be read or is not positive.
     */
    public Duration positiveDuration(String key, Duration fallback, List<String> problems) {
        Optional<String> text = get(key);
        if (text.isEmpty()) return fallback;
        try {
            Duration value = Duration.parse(text.get());
            if (value.isNegative() || value.isZero()) {
                problems.add(key + ": must be a positive ISO-8601 duration, was " + text.get());
                return fallback;
            }
            return value;
        } catch (DateTimeParseException e) {
            problems.add(key + ": cannot read '" + text.get() + "' (an ISO-8601 duration such as PT30S)");
            return fallback;
        }
    }
}
