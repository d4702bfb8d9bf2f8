package dev.ordersystem.app;

import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.usecase.event.DeliveryPacing;
import dev.ordersystem.http.HttpSettings;
import dev.ordersystem.http.client.Cidr;
import dev.ordersystem.http.client.ForwardedHeader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {

    @Test
    void nothingSetMeansTheEmbeddedDefault() {
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.embedded()).isTrue();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.paymentTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(config.sandbox()).isFalse();
        assertThat(config.redisKeyPrefix()).isEqualTo("order");
        assertThat(config.shipping().autoCompleteAfter()).hasValue(Duration.ofDays(15));
        assertThat(config.shipping().carriers()).isEmpty();
    }

    @Test
    void productionSettingsAreRead() {
        AppConfig config = AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_HTTP_PORT", "9090",
                "ORDER_DB_URL", "jdbc:mariadb://db:3306/shop",
                "ORDER_DB_USER", "shop",
                "ORDER_REDIS_URL", "redis://cache:6379/2",
                "ORDER_ADMIN_TOKEN", "0123456789abcdef0123",
                "ORDER_PAYMENT_TIMEOUT", "PT15M",
                "ORDER_NODE_ID", "12",
                "ORDER_CURRENCY", "USD",
                "ORDER_REDIS_PREFIX", "shop-eu:1")));

        assertThat(config.embedded()).isFalse();
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.redisUrl()).hasValue("redis://cache:6379/2");
        assertThat(config.paymentTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.nodeId()).hasValue(12);
        assertThat(config.currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(config.redisKeyPrefix()).isEqualTo("shop-eu:1");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsVariable() {
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_HTTP_PORT", "eighty",
                "ORDER_DB_URL", "postgres://x",
                "ORDER_REDIS_URL", "http://cache",
                "ORDER_PAYMENT_TIMEOUT", "30 minutes",
                "ORDER_NODE_ID", "1000",
                "ORDER_CURRENCY", "XYZW",
                "ORDER_SANDBOX", "yes",
                "ORDER_REDIS_PREFIX", "no spaces allowed"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).hasSize(9)
                        .anyMatch(p -> p.startsWith("ORDER_HTTP_PORT"))
                        .anyMatch(p -> p.startsWith("ORDER_DB_URL"))
                        .anyMatch(p -> p.startsWith("ORDER_REDIS_URL"))
                        .anyMatch(p -> p.startsWith("ORDER_ADMIN_TOKEN"))
                        .anyMatch(p -> p.startsWith("ORDER_PAYMENT_TIMEOUT"))
                        .anyMatch(p -> p.startsWith("ORDER_NODE_ID"))
                        .anyMatch(p -> p.startsWith("ORDER_CURRENCY"))
                        .anyMatch(p -> p.startsWith("ORDER_SANDBOX"))
                        .anyMatch(p -> p.startsWith("ORDER_REDIS_PREFIX")));
    }

    @Test
    void webhookDeliveriesYieldToQueueingPlacementsAsConfigured() {
        assertThat(AppConfig.from(ConfigSource.of(Map.of())).webhooks().settings().pacing())
                .isEqualTo(new DeliveryPacing(250, Duration.ofSeconds(60)));
        assertThat(AppConfig.from(ConfigSource.of(Map.of("ORDER_WEBHOOK_BUSY_RATE", "0", "ORDER_WEBHOOK_MAX_LAG", "PT5M")))
                .webhooks().settings().pacing()).isEqualTo(new DeliveryPacing(0, Duration.ofMinutes(5)));
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("ORDER_WEBHOOK_BUSY_RATE", "-5",
                "ORDER_WEBHOOK_MAX_LAG", "soon"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).hasSize(2)
                        .anyMatch(p -> p.startsWith("ORDER_WEBHOOK_BUSY_RATE"))
                        .anyMatch(p -> p.startsWith("ORDER_WEBHOOK_MAX_LAG")));
    }

    @Test
    void byDefaultNoProxyIsTrustedAndTheLoginLimitsAreTheLongStandingOnes() {
        EdgeConfig edge = AppConfig.from(ConfigSource.of(Map.of())).edge();

        assertThat(edge.proxies().trusted()).isEmpty();
        assertThat(edge.loginPerClient()).isEqualTo(new AttemptLimit(HttpSettings.LOGIN_PER_CLIENT, 20, Duration.ofMinutes(1)));
        assertThat(edge.loginPerClient().refillEvery()).isEqualTo(Duration.ofSeconds(3));
        assertThat(edge.loginPerUsername()).isEqualTo(new AttemptLimit(HttpSettings.LOGIN_PER_USERNAME, 5, Duration.ofMinutes(1)));
        assertThat(edge.loginPerUsername().refillEvery()).isEqualTo(Duration.ofSeconds(12));
        assertThat(edge.registerPerClient()).isEqualTo(new AttemptLimit(HttpSettings.REGISTER_PER_CLIENT, 20, Duration.ofMinutes(1)));
        assertThat(edge.applyTo(HttpSettings.defaults("0123456789abcdef0123")))
                .isEqualTo(HttpSettings.defaults("0123456789abcdef0123"));
    }

    @Test
    void trustedProxiesAndLimitsAreRead() {
        EdgeConfig edge = AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.10 ,fd00::/8",
                "ORDER_FORWARDED_HEADER", "forwarded",
                "ORDER_LOGIN_LIMIT_PER_CLIENT", "300/1m",
                "ORDER_LOGIN_LIMIT_PER_USERNAME", "10/30s",
                "ORDER_REGISTER_LIMIT_PER_CLIENT", "50/1h"))).edge();

        assertThat(edge.proxies().trusted()).extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "192.168.1.10/32", "fd00:0:0:0:0:0:0:0/8");
        assertThat(edge.proxies().header()).isEqualTo(ForwardedHeader.FORWARDED);
        assertThat(edge.loginPerClient()).isEqualTo(new AttemptLimit(HttpSettings.LOGIN_PER_CLIENT, 300, Duration.ofMinutes(1)));
        assertThat(edge.loginPerUsername()).isEqualTo(new AttemptLimit(HttpSettings.LOGIN_PER_USERNAME, 10, Duration.ofSeconds(30)));
        assertThat(edge.registerPerClient()).isEqualTo(new AttemptLimit(HttpSettings.REGISTER_PER_CLIENT, 50, Duration.ofHours(1)));
    }

    @Test
    void malformedProxiesAndLimitsAreRefusedNamingTheirVariable() {
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_TRUSTED_PROXIES", "10.0.0.0/8, 10.0.0.300/24",
                "ORDER_FORWARDED_HEADER", "X-Real-IP",
                "ORDER_LOGIN_LIMIT_PER_CLIENT", "20 per minute",
                "ORDER_LOGIN_LIMIT_PER_USERNAME", "0/1m",
                "ORDER_REGISTER_LIMIT_PER_CLIENT", "20/1d"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).hasSize(5)
                        .anyMatch(p -> p.startsWith("ORDER_TRUSTED_PROXIES: '10.0.0.300/24'"))
                        .anyMatch(p -> p.startsWith("ORDER_FORWARDED_HEADER: must be X-Forwarded-For or Forwarded"))
                        .anyMatch(p -> p.startsWith("ORDER_LOGIN_LIMIT_PER_CLIENT: must be <burst>/<window>"))
                        .anyMatch(p -> p.startsWith("ORDER_LOGIN_LIMIT_PER_USERNAME: the burst must be"))
                        .anyMatch(p -> p.startsWith("ORDER_REGISTER_LIMIT_PER_CLIENT: must be <burst>/<window>")));
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("ORDER_TRUSTED_PROXIES", "proxy.internal"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems())
                        .containsExactly("ORDER_TRUSTED_PROXIES: 'proxy.internal' is not an IPv4 or IPv6 address or block (like 10.0.0.0/8 or 2001:db8::/32)"));
    }

    @Test
    void corsOriginsAreReadAndMalformedOnesRefusedNamingTheVariable() {
        EdgeConfig edge = AppConfig.from(ConfigSource.of(Map.of("ORDER_CORS_ORIGINS", "https://shop.example.com, http://127.0.0.1:5173"))).edge();
        assertThat(edge.cors().allows("https://shop.example.com")).isTrue();
        assertThat(edge.cors().allows("http://127.0.0.1:5173")).isTrue();
        assertThat(edge.cors().allows("https://evil.example")).isFalse();
        assertThat(edge.applyTo(HttpSettings.defaults("0123456789abcdef0123")).cors()).isEqualTo(edge.cors());
        assertThat(AppConfig.from(ConfigSource.of(Map.of())).edge().cors().isEmpty()).isTrue();

        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("ORDER_CORS_ORIGINS", "https://shop.example.com/app"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("ORDER_CORS_ORIGINS: 'https://shop.example.com/app' is not an origin"));
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("ORDER_CORS_ORIGINS", "*,https://shop.example.com"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("ORDER_CORS_ORIGINS: * allows every origin"));
    }

    @Test
    void shippingSettingsAreReadAndCheckedNamingTheirVariable() {
        AppConfig listed = AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_CARRIERS", "sf, YTO ,jd-logistics", "ORDER_AUTO_COMPLETE_AFTER", "P7DT12H")));
        AppConfig off = AppConfig.from(ConfigSource.of(Map.of("ORDER_AUTO_COMPLETE_AFTER", "off")));

        assertThat(listed.shipping().carriers()).containsExactlyInAnyOrder("SF", "YTO", "JD-LOGISTICS");
        assertThat(listed.shipping().autoCompleteAfter()).hasValue(Duration.ofDays(7).plusHours(12));
        assertThat(off.shipping().autoCompleteAfter()).isEmpty();
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_CARRIERS", "SF,,has space", "ORDER_AUTO_COMPLETE_AFTER", "15 days"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).hasSize(3)
                        .filteredOn(p -> p.startsWith("ORDER_CARRIERS")).hasSize(2));
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("ORDER_AUTO_COMPLETE_AFTER", "PT0S"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).startsWith("ORDER_AUTO_COMPLETE_AFTER")));
    }

    @Test
    void theDailyReconciliationTimeIsReadAndCheckedNamingItsVariable() {
        assertThat(AppConfig.from(ConfigSource.of(Map.of())).reconcile().at()).isEqualTo(java.time.LocalTime.of(10, 30));
        assertThat(AppConfig.from(ConfigSource.of(Map.of("ORDER_RECONCILE_AT", "02:05"))).reconcile().at())
                .isEqualTo(java.time.LocalTime.of(2, 5));
        for (String bad : java.util.List.of("25:00", "9:30", "10:30:00", "noon")) {
            assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("ORDER_RECONCILE_AT", bad))))
                    .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> assertThat(p).startsWith("ORDER_RECONCILE_AT: must be a local time of day HH:mm")));
        }
    }

    @Test
    void providerCallTimingIsReadWithTheLongStandingDefaults() {
        AppConfig unset = AppConfig.from(ConfigSource.of(Map.of()));
        AppConfig set = AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_PAYMENT_SYNC_AFTER", "PT90S", "ORDER_PAYMENT_SYNC_INTERVAL", "PT10S", "ORDER_PROVIDER_CALLS", " 16 ")));

        assertThat(unset.paymentSync().syncAfter()).isEqualTo(Duration.ofMinutes(3));
        assertThat(unset.paymentSync().syncInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(unset.paymentSync().providerCallWidth()).isEqualTo(8);
        assertThat(set.paymentSync().syncAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(set.paymentSync().syncInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(set.paymentSync().providerCallWidth()).isEqualTo(16);
        assertThat(set.paymentSync().pollQuiet()).isEqualTo(unset.paymentSync().pollQuiet());
    }

    @Test
    void badProviderCallTimingIsRefusedNamingEachVariable() {
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_PAYMENT_SYNC_AFTER", "PT5S", "ORDER_PAYMENT_SYNC_INTERVAL", "often", "ORDER_PROVIDER_CALLS", "0"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("ORDER_PAYMENT_SYNC_AFTER: at least PT10S"),
                        p -> assertThat(p).startsWith("ORDER_PAYMENT_SYNC_INTERVAL: cannot read 'often'"),
                        p -> assertThat(p).isEqualTo("ORDER_PROVIDER_CALLS: must be a whole number 1..64, was 0")));
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of(
                "ORDER_PAYMENT_SYNC_INTERVAL", "-PT30S", "ORDER_PROVIDER_CALLS", "65"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("ORDER_PAYMENT_SYNC_INTERVAL: must be a positive"),
                        p -> assertThat(p).startsWith("ORDER_PROVIDER_CALLS: must be a whole number 1..64, was 65")));
        assertThatThrownBy(() -> AppConfig.from(ConfigSource.of(Map.of("ORDER_PROVIDER_CALLS", "eight"))))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).startsWith("ORDER_PROVIDER_CALLS")));
    }
}
