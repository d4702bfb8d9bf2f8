package dev.ordersystem.core.port;

import dev.ordersystem.core.domain.Credentials;
import dev.ordersystem.core.domain.User;
import dev.ordersystem.core.domain.UserId;

import java.time.Instant;
import java.util.Optional;

/** Registered users and their password hashes. Joins the caller's transaction. */
public interface UserAccounts {

    /** @throws dev.ordersystem.core.domain.UsernameTaken when the name (case-insensitive) exists */
    User register(String username, String passwordHash, Instant at);

    Optional<User> find(UserId id);

    /** Case-insensitive. */
    Optional<Credentials> credentials(String username);

    /** The user of that name, case-insensitive (an admin looking a buyer up). */
    Optional<User> findByName(String username);
}
