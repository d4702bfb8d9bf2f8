package dev.ordersystem.core.contract;

import dev.ordersystem.core.port.AttemptBudgets;
import dev.ordersystem.core.port.AttemptLimit;
import dev.ordersystem.core.port.AttemptVerdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link AttemptBudgets} must do. Each test uses fresh keys, so adapters on a shared server need no cleanup. */
public abstract class AbstractAttemptBudgetsTest {

    protected abstract AttemptBudgets newBudgets();

    private AttemptBudgets budgets;
    private String key;

    @BeforeEach
    void setUpBudgets() {
        budgets = newBudgets();
        key = "k-" + UUID.randomUUID();
    }

    @Test
    void grantsTheBurstThenRefusesWithTheTimeOneAttemptTakesToComeBack() {
        AttemptLimit limit = new AttemptLimit("contract", 3, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) assertThat(budgets.spend(limit, key)).isInstanceOf(AttemptVerdict.Granted.class);

        AttemptVerdict refused = budgets.spend(limit, key);

        assertThat(refused).isInstanceOfSatisfying(AttemptVerdict.Refused.class, r -> assertThat(r.retryAfter())
                .isPositive().isLessThanOrEqualTo(limit.refillEvery()).isGreaterThan(limit.refillEvery().minusMinutes(1)));
        // A refused attempt costs nothing: the wait does not grow.
        assertThat(budgets.spend(limit, key)).isInstanceOfSatisfying(AttemptVerdict.Refused.class,
                r -> assertThat(r.retryAfter()).isLessThanOrEqualTo(limit.refillEvery()));
    }

    @Test
    void eachKeyAndEachBudgetCountsAlone() {
        AttemptLimit login = new AttemptLimit("contract-a", 1, Duration.ofHours(1));
        AttemptLimit register = new AttemptLimit("contract-b", 1, Duration.ofHours(1));
        assertThat(budgets.spend(login, key)).isInstanceOf(AttemptVerdict.Granted.class);
        assertThat(budgets.spend(login, key)).isInstanceOf(AttemptVerdict.Refused.class);

        assertThat(budgets.spend(login, key + "-other")).isInstanceOf(AttemptVerdict.Granted.class);
        assertThat(budgets.spend(register, key)).isInstanceOf(AttemptVerdict.Granted.class);
    }

    @Test
    void aSpentBudgetRefillsOverItsWindow() throws InterruptedException {
        AttemptLimit limit = new AttemptLimit("contract", 2, Duration.ofSeconds(1));
        budgets.spend(limit, key);
        budgets.spend(limit, key);
        assertThat(budgets.spend(limit, key)).isInstanceOf(AttemptVerdict.Refused.class);

        // One attempt returns after 0.5 s; polled with a generous bound, as the machine may be busy.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        AttemptVerdict verdict;
        do {
            Thread.sleep(50);
            verdict = budgets.spend(limit, key);
        } while (verdict instanceof AttemptVerdict.Refused && System.nanoTime() - deadline < 0);
        assertThat(verdict).isInstanceOf(AttemptVerdict.Granted.class);
    }

    @Test
    void attemptsAtTheSameInstantNeverSpendMoreThanTheBurst() throws InterruptedException {
        AttemptLimit limit = new AttemptLimit("contract", 25, Duration.ofHours(1));
        List<Callable<AttemptVerdict>> tasks = new ArrayList<>();
        for (int i = 0; i < 80; i++) tasks.add(() -> budgets.spend(limit, key));

        List<Race.Result<AttemptVerdict>> results = Race.run(16, tasks, Duration.ofSeconds(60));

        assertThat(results).allMatch(Race.Result::succeeded);
        assertThat(results.stream().filter(r -> r.value() instanceof AttemptVerdict.Granted)).hasSize(25);
    }
}
