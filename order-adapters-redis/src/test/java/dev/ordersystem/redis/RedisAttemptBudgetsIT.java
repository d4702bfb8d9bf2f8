package dev.ordersystem.redis;

import dev.ordersystem.core.contract.AbstractAttemptBudgetsTest;
import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAttemptBudgetsIT extends AbstractAttemptBudgetsTest {
    private final List<RedisConnection> opened = new ArrayList<>();
    private final FailOpenLog failOpen = new FailOpenLog();

    @Override
    protected AttemptBudgets newBudgets() {
        return new RedisAttemptBudgets(open(TestRedis.freshSettings()), failOpen);
    }

    private RedisConnection open(RedisSettings settings) {
        RedisConnection connection = new RedisConnection(settings);
        opened.add(connection);
        return connection;
    }

    @AfterEach
    void closeAndClean() {
        assertThat(failOpen.total()).as("no fallback while Redis is up").isZero();
        for (RedisConnection connection : opened) {
            TestRedis.deleteKeys(connection, connection.settings().keyPrefix());
            connection.close();
        }
    }

    @Test
    void twoInstancesSpendFromOneBudget() {
        RedisSettings settings = TestRedis.freshSettings();
        RedisAttemptBudgets first = new RedisAttemptBudgets(open(settings), failOpen);
        RedisAttemptBudgets second = new RedisAttemptBudgets(open(settings), failOpen);
        AttemptLimit limit = AttemptLimit.parse("login-username", "5/1m");

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? first : second).spend(limit, "alice")).isInstanceOf(AttemptVerdict.Granted.class);
        }

        assertThat(first.spend(limit, "alice")).isInstanceOf(AttemptVerdict.Refused.class);
        assertThat(second.spend(limit, "alice")).isInstanceOf(AttemptVerdict.Refused.class);
    }

    @Test
    void theBudgetLivesUnderThePrefixUntilItIsFullAgain() {
        RedisConnection redis = open(TestRedis.freshSettings());
        RedisAttemptBudgets budgets = new RedisAttemptBudgets(redis, failOpen);
        AttemptLimit limit = AttemptLimit.parse("login-client", "20/1m");

        budgets.spend(limit, "203.0.113.9");
        budgets.spend(limit, "203.0.113.9");

        String key = redis.settings().keyPrefix() + ":attempts:login-client:203.0.113.9";
        // Two attempts out: full again 6 s later, when the key goes.
        assertThat(redis.<Long>call("pttl", r -> r.pttl(key))).isBetween(1L, Duration.ofSeconds(6).toMillis());
    }
}
