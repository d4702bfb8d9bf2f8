package dev.ordersystem.http.body;

import java.util.List;

/** {@code GET /admin/users?username=}: the users found (none, or the one of that name). */
public record AdminUsersView(List<AdminUserView> items) {
}
