package dev.ordersystem.http.body;

import dev.ordersystem.http.json.JsonRequest;
import dev.ordersystem.http.json.Presence;

/** {@code POST /auth/register} and {@code /auth/login}. */
public record CredentialsRequest(String username, String password) implements JsonRequest {
    @Override
    public void requirePresent(Presence presence) {
        presence.require(username, "username");
        presence.require(password, "password");
    }

    @Override
    public String toString() {
        return "CredentialsRequest[username=" + username + "]";
    }
}
