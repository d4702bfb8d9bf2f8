package dev.ordersystem.core.domain;

/** Registration with a name that another user has (40010). */
public final class UsernameTaken extends OrderSystemException {
    public UsernameTaken(String username) {
        super(ErrorCode.USERNAME_TAKEN, "username is taken: " + username);
    }
}
