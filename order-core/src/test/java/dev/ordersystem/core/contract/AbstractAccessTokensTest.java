package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.port.AccessTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link dev.ordersystem.core.port.AccessTokens}. */
public abstract class AbstractAccessTokensTest extends StorageFixtures {

    @Test
    void resolvesUntilExpiryOrRevocation() {
        UserId user = newUser(0);
        String digest = unique("digest");
        storage.tokens().store(digest, user, now.plusSeconds(60));

        assertThat(storage.tokens().resolve(digest, now)).contains(new AccessTokens.Grant(user, now.plusSeconds(60)));
        assertThat(storage.tokens().resolve(digest, now.plusSeconds(60))).isEmpty();
        storage.tokens().revoke(digest);
        assertThat(storage.tokens().resolve(digest, now)).isEmpty();
        assertThat(storage.tokens().resolve(unique("unknown"), now)).isEmpty();
    }
}
