package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.IdempotencyKeyFormat;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.UserId;
import dev.ordersystem.core.domain.ValidationFailed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on {@code POST /orders/{orderNo}/pay}. A replay needs no stored response:
 * a pay answers the order as its payment left it ({@link dev.ordersystem.core.domain.Order#asPaid}),
 * which the database keeps whatever happens to the order later, so a replay reads the order and
 * answers that. What this records per key is the order it paid and whether that pay was
 * answered (a refused pay leaves nothing to replay: the same key may try again), and it refuses a
 * key reused for ANOTHER order (40009). The record is kept in memory for a day and holds at most
 * {@code maxKeys} keys: past that the oldest are forgotten first (memory stays bounded whatever
 * clients send). A forgotten key, like a key reused on another instance, is not caught: the
 * request then pays again, which the core answers with the same paid order (never charging twice),
 * so the body is the same, only without {@code Idempotent-Replayed}; a refunded order is then refused.
 */
final class PayKeys {
    static final Duration KEEP = Duration.ofHours(24);
    static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final int maxKeys;
    /** In the order of first use; as every key is kept equally long, also in the order they expire. */
    private final LinkedHashMap<String, Use> uses;

    PayKeys(Clock clock) {
        this(clock, MAX_KEYS);
    }

    PayKeys(Clock clock, int maxKeys) {
        if (maxKeys < 1) throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
        this.clock = clock;
        this.maxKeys = maxKeys;
        this.uses = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Use> eldest) {
                return size() > PayKeys.this.maxKeys;
            }
        };
    }

    /** How a pay request used its key. */
    enum KeyUse {
        /** The request sent no key. */
        NONE,
        /** The first use of the key, of a forgotten one, or of one whose earlier pay was not answered: the pay runs. */
        FIRST,
        /** The key paid this order before and was answered: the answer is a replay. */
        REPLAY
    }

    /** @throws DuplicateSubmission when the user used {@code key} for another order */
    KeyUse claim(UserId user, Optional<String> key, OrderNo orderNo) {
        if (key.isEmpty()) return KeyUse.NONE;
        String text = key.get();
        IdempotencyKeyFormat.check(text).ifPresent(error -> {
            throw new ValidationFailed(List.of(error));
        });
        Instant now = clock.instant();
        String id = user.value() + ":" + text;
        Use first;
        KeyUse use;
        synchronized (uses) {
            // Expired keys sit at the old end: dropping them costs one look at a live one.
            for (Iterator<Use> oldest = uses.values().iterator(); oldest.hasNext() && oldest.next().until.isBefore(now); ) {
                oldest.remove();
            }
            Use known = uses.get(id);
            if (known == null || known.until.isBefore(now)) {
                uses.remove(id); // re-inserted at the young end
                first = new Use(orderNo, now.plus(KEEP), false);
                uses.put(id, first);
                use = KeyUse.FIRST;
            } else {
                first = known;
                use = known.answered ? KeyUse.REPLAY : KeyUse.FIRST;
            }
        }
        if (!first.orderNo.equals(orderNo)) {
            throw new DuplicateSubmission("Idempotency-Key " + text + " was used to pay another order");
        }
        return use;
    }

    /** Records that the pay {@link #claim claimed} with {@code key} was answered: the key's later uses replay it. */
    void answered(UserId user, Optional<String> key) {
        if (key.isEmpty()) return;
        String id = user.value() + ":" + key.get();
        synchronized (uses) {
            uses.computeIfPresent(id, (k, use) -> new Use(use.orderNo, use.until, true)); // keeps its place in the age order
        }
    }

    /** Keys remembered now. */
    int size() {
        synchronized (uses) {
            return uses.size();
        }
    }

    private record Use(OrderNo orderNo, Instant until, boolean answered) {
    }
}
