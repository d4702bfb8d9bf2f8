package dev.ordersystem.core.memory;

import dev.ordersystem.core.domain.Credentials;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.UsernameTaken;
import dev.ordersystem.core.port.UserAccounts;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Users by id, credentials by lower-cased name. */
final class InMemoryUserAccounts implements UserAccounts {
    private final InMemoryStore store;
    private final Map<UserId, User> users = new HashMap<>();
    private final Map<String, Credentials> byName = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    InMemoryUserAccounts(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public User register(String username, String passwordHash, Instant at) {
        return store.inTransaction(() -> {
            String key = username.toLowerCase(Locale.ROOT);
            if (byName.containsKey(key)) throw new UsernameTaken(username);
            User user = new User(new UserId(ids.incrementAndGet()), username, at);
            store.put(users, user.id(), user);
            store.put(byName, key, new Credentials(user.id(), username, passwordHash));
            return user;
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        return store.read(() -> Optional.ofNullable(users.get(id)));
    }

    @Override
    public Optional<Credentials> credentials(String username) {
        return store.read(() -> Optional.ofNullable(byName.get(username.toLowerCase(Locale.ROOT))));
    }

    @Override
    public Optional<User> findByName(String username) {
        return credentials(username).flatMap(found -> find(found.userId()));
    }
}
