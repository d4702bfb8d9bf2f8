package dev.ordersystem.core.domain;

/** A user's login name with the stored (salted, slow) password hash. */
public record Credentials(UserId userId, String username, String passwordHash) {
    @Override
    public String toString() {
        return "Credentials[userId=" + userId + ", username=" + username + "]";
    }
}
