package dev.ordersystem.core.memory;

import dev.ordersystem.core.contract.AbstractAttemptBudgetsTest;
import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryAttemptBudgetsTest extends AbstractAttemptBudgetsTest {

    @Override
    protected AttemptBudgets newBudgets() {
        return new InMemoryAttemptBudgets();
    }

    @Test
    void theDefaultLoginShapeIsTwentyAtOnceThenOneEveryThreeSeconds() {
        AtomicLong now = new AtomicLong(42);
        InMemoryAttemptBudgets budgets = new InMemoryAttemptBudgets(now::get);
        AttemptLimit limit = AttemptLimit.parse("login-client", "20/1m");
        for (int i = 0; i < 20; i++) assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Granted.class);
        assertThat(budgets.spend(limit, "203.0.113.9")).isEqualTo(new AttemptVerdict.Refused(Duration.ofSeconds(3)));

        now.addAndGet(Duration.ofMillis(2_999).toNanos());
        assertThat(budgets.spend(limit, "203.0.113.9")).isEqualTo(new AttemptVerdict.Refused(Duration.ofMillis(1)));
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Granted.class);

        now.addAndGet(Duration.ofMinutes(5).toNanos()); // a long pause gives back the burst, not more
        for (int i = 0; i < 20; i++) assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Granted.class);
        assertThat(budgets.spend(limit, "203.0.113.9")).isInstanceOf(AttemptVerdict.Refused.class);
    }

    @Test
    void staysBoundedByDroppingBudgetsThatAreFullAgain() {
        AtomicLong now = new AtomicLong();
        InMemoryAttemptBudgets budgets = new InMemoryAttemptBudgets(now::get);
        AttemptLimit limit = AttemptLimit.parse("login-client", "5/1m");
        for (int i = 0; i <= InMemoryAttemptBudgets.MAX_KEYS; i++) budgets.spend(limit, "k" + i);
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        budgets.spend(limit, "fresh");

        assertThat(budgets.size()).isEqualTo(1);
    }
}
