package dev.ordersystem.redis;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisSettingsTest {

    @Test
    void readsHostPortAndDatabaseWithBoundedDefaults() {
        RedisSettings settings = RedisSettings.fromUrl("redis://cache.internal:6380/2");

        assertThat(settings.host()).isEqualTo("cache.internal");
        assertThat(settings.port()).isEqualTo(6380);
        assertThat(settings.database()).isEqualTo(2);
        assertThat(settings.tls()).isFalse();
        assertThat(settings.password()).isNull();
        assertThat(settings.keyPrefix()).isEqualTo("order");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void defaultsToPort6379AndDatabase0() {
        RedisSettings settings = RedisSettings.fromUrl("redis://localhost");

        assertThat(settings.port()).isEqualTo(6379);
        assertThat(settings.database()).isZero();
    }

    @Test
    void readsCredentialsAndTlsButNeverShowsThePassword() {
        RedisSettings settings = RedisSettings.fromUrl("rediss://shop:s3cret@redis.example:6379/1");

        assertThat(settings.user()).isEqualTo("shop");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.tls()).isTrue();
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(RedisSettings.fromUrl("redis://:only-password@h:1").password()).isEqualTo("only-password");
        assertThat(RedisSettings.fromUrl("redis://:only-password@h:1").user()).isNull();
    }

    @Test
    void readsTheSeedNodesOfARedisCluster() {
        RedisSettings settings = RedisSettings.fromUrl("redis-cluster://shop:s3cret@10.0.0.1:7001,10.0.0.2:7002,10.0.0.3:7003");

        assertThat(settings.endpoint().cluster()).isTrue();
        assertThat(settings.endpoint().nodes()).containsExactly(new HostAndPort("10.0.0.1", 7001), new HostAndPort("10.0.0.2", 7002),
                new HostAndPort("10.0.0.3", 7003));
        assertThat(settings.user()).isEqualTo("shop");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.database()).isZero();
        assertThat(settings.tls()).isFalse();
        assertThat(settings.toString()).contains("10.0.0.2:7002").doesNotContain("s3cret");
        assertThat(RedisSettings.fromUrl("rediss-cluster://h:7001").tls()).isTrue();
        assertThat(RedisSettings.fromUrl("redis://h:7001").endpoint().cluster()).isFalse();
    }

    @Test
    void refusesAClusterNodeWithoutAPortAndADatabaseOnACluster() {
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis-cluster://u:s3cret@h1:7001,h2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis-cluster://h1:7001,h2:7002/3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database 0");
    }

    @Test
    void refusesUrlsThatAreNotRedisUrlsWithoutEchoingTheirPassword() {
        assertThatThrownBy(() -> RedisSettings.fromUrl("http://h:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://");
        assertThatThrownBy(() -> RedisSettings.fromUrl("redis://u:s3cret@h:1/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database number")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RedisSettings.fromUrl(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPrefixThatCouldBreakHashTagsAndTimeoutsThatAreNotBounded() {
        RedisSettings settings = RedisSettings.fromUrl("redis://h");

        assertThatThrownBy(() -> settings.withKeyPrefix("shop{1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withKeyPrefix("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class);
        assertThat(settings.withKeyPrefix("shop-a:eu").keyPrefix()).isEqualTo("shop-a:eu");
    }
}
