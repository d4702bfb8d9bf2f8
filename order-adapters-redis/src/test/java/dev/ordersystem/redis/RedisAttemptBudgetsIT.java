package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractAttemptBudgetsTest;
import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAttemptBudgetsIT extends AbstractAttemptBudgetsTest {
    @AutoClose
    private final RedisTestKit kit = new RedisTestKit();

    @Override
    protected AttemptBudgets newBudgets() {
        return new RedisAttemptBudgets(kit.connection(), kit.failOpen);
    }

    @Test
    void twoInstancesSpendFromOneBudget() {
        RedisSettings settings = TestRedis.freshSettings();
        RedisAttemptBudgets first = new RedisAttemptBudgets(kit.connection(settings), kit.failOpen);
        RedisAttemptBudgets second = new RedisAttemptBudgets(kit.connection(settings), kit.failOpen);
        AttemptLimit limit = AttemptLimit.parse("login-username", "5/1m");

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? first : second).spend(limit, "alice")).isInstanceOf(AttemptVerdict.Granted.class);
        }

        assertThat(first.spend(limit, "alice")).isInstanceOf(AttemptVerdict.Refused.class);
        assertThat(second.spend(limit, "alice")).isInstanceOf(AttemptVerdict.Refused.class);
    }

    @Test
    void theBudgetLivesUnderThePrefixUntilItIsFullAgain() {
        RedisConnection redis = kit.connection();
        RedisAttemptBudgets budgets = new RedisAttemptBudgets(redis, kit.failOpen);
        AttemptLimit limit = AttemptLimit.parse("login-client", "20/1m");

        budgets.spend(limit, "203.0.113.9");
        budgets.spend(limit, "203.0.113.9");

        String key = redis.settings().keyPrefix() + ":attempts:login-client:203.0.113.9";
        // Two attempts out: full again 6 s later, when the key goes.
        assertThat(redis.<Long>call("pttl", r -> r.pttl(key))).isBetween(1L, Duration.ofSeconds(6).toMillis());
    }
}
