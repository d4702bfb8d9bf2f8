package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.TokenCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link TokenCache} must do. */
public abstract class AbstractTokenCacheTest {

    protected abstract TokenCache newCache();

    /** Lets {@code duration} pass for the cache. */
    protected abstract void passTime(Duration duration);

    /** A time to live short enough to wait out in a test. */
    protected abstract Duration shortTtl();

    private TokenCache cache;
    private String digest;

    @BeforeEach
    void setUpCache() {
        cache = newCache();
        digest = UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void remembersUntilForgotten() {
        assertThat(cache.find(digest)).isEmpty();
        cache.remember(digest, new UserId(7), Duration.ofMinutes(1));
        assertThat(cache.find(digest)).contains(new UserId(7));
        assertThat(cache.find(digest + "x")).isEmpty();

        cache.forget(digest);

        assertThat(cache.find(digest)).isEmpty();
    }

    @Test
    void forgetsAfterItsTimeToLive() {
        cache.remember(digest, new UserId(7), shortTtl());

        passTime(shortTtl().multipliedBy(2));

        assertThat(cache.find(digest)).isEmpty();
    }

    @Test
    void aTimeToLiveOfZeroRemembersNothing() {
        cache.remember(digest, new UserId(7), Duration.ZERO);
        assertThat(cache.find(digest)).isEmpty();
    }
}
