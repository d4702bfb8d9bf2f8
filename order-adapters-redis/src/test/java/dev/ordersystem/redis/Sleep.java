package dev.ordersystem.redis;

import java.time.Duration;

/** Real waiting, for tests where Redis's own clock decides when something expires. */
final class Sleep {
    private Sleep() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
