package dev.ordersystem.http.route;

import dev.ordersystem.core.domain.DuplicateSubmission;
import dev.ordersystem.core.domain.OrderNo;
import dev.ordersystem.core.domain.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayKeysTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2031-03-01T10:00:00Z"), ZoneOffset.UTC);

    private static OrderNo order(long n) {
        return new OrderNo(Long.toString(20310301100000000L + n) + "000");
    }

    @Test
    void keysStillValidAreBoundedTooTheOldestForgottenFirst() {
        PayKeys keys = new PayKeys(NOW);
        UserId user = new UserId(7);
        // Every key live (none expired): the old map kept them all.
        for (int i = 0; i < PayKeys.MAX_KEYS + 5_000; i++) keys.claim(user, Optional.of("key-" + i), order(i));

        assertThat(keys.size()).isEqualTo(PayKeys.MAX_KEYS);
        // The youngest are still known (reuse for another order refused), the oldest forgotten.
        int young = PayKeys.MAX_KEYS + 4_999;
        assertThatThrownBy(() -> keys.claim(user, Optional.of("key-" + young), order(1)))
                .isInstanceOf(DuplicateSubmission.class);
        keys.claim(user, Optional.of("key-0"), order(1));
    }

    @Test
    void aKeyExpiresAfterADayAndIsDroppedThen() {
        Instant start = NOW.instant();
        MovingClock clock = new MovingClock(start);
        PayKeys keys = new PayKeys(clock, 10);
        UserId user = new UserId(8);
        keys.claim(user, Optional.of("k"), order(1));
        assertThatThrownBy(() -> keys.claim(user, Optional.of("k"), order(2))).isInstanceOf(DuplicateSubmission.class);

        clock.now = start.plus(PayKeys.KEEP).plusSeconds(1);
        keys.claim(user, Optional.of("other"), order(3));

        assertThat(keys.size()).as("the expired key is gone").isEqualTo(1);
        keys.claim(user, Optional.of("k"), order(2));
    }

    @Test
    void onlyAKeyWhosePayWasAnsweredReplaysItUntilThenTheSameKeyPaysAgain() {
        PayKeys keys = new PayKeys(NOW);
        UserId user = new UserId(9);

        assertThat(keys.claim(user, Optional.empty(), order(1))).isEqualTo(PayKeys.KeyUse.NONE);
        assertThat(keys.claim(user, Optional.of("k"), order(1))).isEqualTo(PayKeys.KeyUse.FIRST);
        assertThat(keys.claim(user, Optional.of("k"), order(1))).as("the first pay was refused or is still running")
                .isEqualTo(PayKeys.KeyUse.FIRST);
        keys.answered(user, Optional.of("k"));
        assertThat(keys.claim(user, Optional.of("k"), order(1))).isEqualTo(PayKeys.KeyUse.REPLAY);
        assertThat(keys.claim(new UserId(10), Optional.of("k"), order(1))).as("another user's key").isEqualTo(PayKeys.KeyUse.FIRST);
        assertThatThrownBy(() -> keys.claim(user, Optional.of("k"), order(2))).isInstanceOf(DuplicateSubmission.class);
    }

    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
