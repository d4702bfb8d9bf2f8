package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Idempotency-Key} on {@code POST /orders/{orderNo}/pay}. Paying is idempotent in the
 * core already (paying a balance-paid order answers the paid order), so a replay needs no stored
 * response; what this adds is refusing a key reused for ANOTHER order (40009). The record is
 * kept in memory for a day, bounded in size: with several instances a key reused across them
 * is not caught, which loses nothing — the core still never charges an order twice.
 */
final class PayKeys {
    static final Duration KEEP = Duration.ofHours(24);
    static final int MAX_KEYS = 100_000;
    private static final int MAX_KEY_LENGTH = 64;

    private final Map<String, Use> uses = new ConcurrentHashMap<>();
    private final Clock clock;

    PayKeys(Clock clock) {
        this.clock = clock;
    }

    /** @throws DuplicateSubmission when the user used {@code key} for another order */
    void claim(UserId user, Optional<String> key, OrderNo orderNo) {
        if (key.isEmpty()) return;
        String text = key.get();
        if (text.isEmpty() || text.length() > MAX_KEY_LENGTH || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ValidationFailed.of("Idempotency-Key", "must be 1.." + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        Instant now = clock.instant();
        if (uses.size() > MAX_KEYS) uses.values().removeIf(use -> use.until.isBefore(now));
        Use first = uses.merge(user.value() + ":" + text, new Use(orderNo, now.plus(KEEP)),
                (old, fresh) -> old.until.isBefore(now) ? fresh : old);
        if (!first.orderNo.equals(orderNo)) {
            throw new DuplicateSubmission("Idempotency-Key " + text + " was used to pay another order");
        }
    }

    private record Use(OrderNo orderNo, Instant until) {
    }
}
