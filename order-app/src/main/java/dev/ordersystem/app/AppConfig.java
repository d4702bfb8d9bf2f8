package dev.ordersystem.app;

import dev.ordersystem.core.PaymentSettings;
import dev.ordersystem.core.ShippingSettings;
import dev.ordersystem.redis.RedisSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import dev.ordersystem.core.RefundSettings;

/**
 * The configuration of DESIGN §6, read and validated at start. Without a database URL the app
 * runs on the embedded default (H2 file database under the data directory, in-process fast
 * path); with one it is in production mode and then requires an admin token.
 */
public record AppConfig(
        int httpPort,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        Path dataDir,
        Optional<String> redisUrl,
        Optional<String> adminToken,
        Duration paymentTimeout,
        OptionalInt nodeId,
        Currency currency,
        boolean sandbox,
        String redisKeyPrefix,
        EdgeConfig edge,
        ShippingSettings shipping,
        WebhookConfig webhooks,
        ReconcileConfig reconcile,
        RefundSettings refunds,
        PaymentSettings paymentSync) {
    /** Every Redis key of this deployment starts with it; instances sharing one Redis must agree on it. */
    public static final String DEFAULT_REDIS_PREFIX = "order";
    private static final Pattern REDIS_PREFIX = Pattern.compile("[A-Za-z0-9:_.-]{1,64}");

    public boolean embedded() {
        return dbUrl.isEmpty();
    }

    public static AppConfig from(ConfigSource source) {
        List<String> problems = new ArrayList<>();
        Integer port = parse(source, "ORDER_HTTP_PORT", "8080", Integer::parseInt, problems);
        if (port != null && (port < 0 || port > 65_535)) problems.add("ORDER_HTTP_PORT: must be 0..65535, was " + port);
        Optional<String> dbUrl = source.get("ORDER_DB_URL");
        dbUrl.filter(url -> !url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:"))
                .ifPresent(url -> problems.add("ORDER_DB_URL: must start with jdbc:mysql: or jdbc:mariadb:, was " + url));
        Optional<String> redis = source.get("ORDER_REDIS_URL").map(text -> {
            try {
                RedisSettings.fromUrl(text); // the adapter's own reading: one server or a cluster's seed nodes
            } catch (IllegalArgumentException e) {
                problems.add("ORDER_REDIS_URL: " + e.getMessage());
            }
            return text.trim();
        });
        Optional<String> adminToken = source.get("ORDER_ADMIN_TOKEN");
        if (dbUrl.isPresent() && adminToken.isEmpty()) problems.add("ORDER_ADMIN_TOKEN: required when ORDER_DB_URL is set");
        adminToken.filter(t -> t.length() < 16).ifPresent(t -> problems.add("ORDER_ADMIN_TOKEN: must be at least 16 characters"));
        Duration timeout = parse(source, "ORDER_PAYMENT_TIMEOUT", "PT30M", Duration::parse, problems);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) problems.add("ORDER_PAYMENT_TIMEOUT: must be positive");
        OptionalInt nodeId = source.get("ORDER_NODE_ID").map(text -> {
            Integer id = parse(source, "ORDER_NODE_ID", text, Integer::parseInt, problems);
            if (id != null && (id < 0 || id > 999)) problems.add("ORDER_NODE_ID: must be 0..999, was " + id);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }).orElse(OptionalInt.empty());
        Currency currency = parse(source, "ORDER_CURRENCY", "CNY", Currency::getInstance, problems);
        String sandbox = source.get("ORDER_SANDBOX").orElse("false");
        if (!sandbox.equals("true") && !sandbox.equals("false")) problems.add("ORDER_SANDBOX: must be true or false");
        String redisPrefix = source.get("ORDER_REDIS_PREFIX").orElse(DEFAULT_REDIS_PREFIX);
        if (!REDIS_PREFIX.matcher(redisPrefix).matches()) {
            problems.add("ORDER_REDIS_PREFIX: must be 1..64 of letters, digits and : _ . -, was " + redisPrefix);
        }
        EdgeConfig edge = EdgeConfig.read(source, problems);
        ShippingSettings shipping = ShippingConfig.from(source, problems);
        WebhookConfig webhooks = WebhookConfig.from(source, problems);
        ReconcileConfig reconcile = ReconcileConfig.from(source, problems);
        RefundSettings refunds = RefundConfig.from(source, problems);
        PaymentSettings paymentSync = PaymentSyncConfig.from(source, problems);
        if (!problems.isEmpty()) throw new ConfigInvalid(problems);
        return new AppConfig(port, dbUrl, source.get("ORDER_DB_USER").orElse("root"),
                source.get("ORDER_DB_PASSWORD").orElse(""), Path.of(source.get("ORDER_DATA_DIR").orElse("data")),
                redis, adminToken, timeout, nodeId, currency, Boolean.parseBoolean(sandbox), redisPrefix, edge, shipping,
                webhooks, reconcile, refunds, paymentSync);
    }

    private static <T> T parse(ConfigSource source, String key, String fallback, Function<String, T> parser, List<String> problems) {
        String text = source.get(key).orElse(fallback);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(key + ": cannot read '" + text + "'");
            return null;
        }
    }
}
