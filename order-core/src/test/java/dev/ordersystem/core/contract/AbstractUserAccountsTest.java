package dev.ordersystem.core.contract;

import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.UsernameTaken;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link dev.ordersystem.core.port.UserAccounts}. */
public abstract class AbstractUserAccountsTest extends StorageFixtures {

    @Test
    void registersAndFindsByIdAndByNameIgnoringCase() {
        String name = unique("Mixed.Case-");
        User user = storage.users().register(name, "pbkdf2-sha256$1000$abc$def", now);

        assertThat(storage.users().find(user.id())).contains(user);
        assertThat(storage.users().credentials(name.toUpperCase(Locale.ROOT))).hasValueSatisfying(c -> {
            assertThat(c.userId()).isEqualTo(user.id());
            assertThat(c.username()).isEqualTo(name);
            assertThat(c.passwordHash()).isEqualTo("pbkdf2-sha256$1000$abc$def");
        });
        assertThat(storage.users().find(new UserId(666_666_666L))).isEmpty();
        assertThat(storage.users().credentials(unique("nobody"))).isEmpty();
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        String name = unique("taken");
        storage.users().register(name, "h", now);

        assertThatThrownBy(() -> storage.users().register(name.toUpperCase(Locale.ROOT), "h", now)).isInstanceOf(UsernameTaken.class);
    }

    @Test
    void findsAUserByNameIgnoringCase() {
        String name = unique("Found.By-Name");
        User user = storage.users().register(name, "h", now);

        assertThat(storage.users().findByName(name.toLowerCase(Locale.ROOT))).contains(user);
        assertThat(storage.users().findByName(unique("nobody"))).isEmpty();
    }
}
