package dev.ordersystem.faults;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The faults of one run at fixed fractions of its duration, each after the previous one recovered:
 * MariaDB SIGKILLed and started again, InnoDB recovering from its redo log (10 %: first, as every
 * later stretch holds a row lock a crash would drop, and with most of the traffic still to come on
 * what it recovered); Redis killed and restarted (15 %); the shared sandbox payment provider
 * SIGKILLed and started 3 s later (20 %: payment starts, polls, cashier payments, expiries and
 * cancels meet a provider that refuses connections); a slow database — stock rows locked by another session for
 * 4 s (25 %); an app instance SIGKILLed while it holds claimed expiry jobs, and restarted (the
 * driver's order it will block on is placed at 25 %, the kill follows some 6 s later, see
 * {@link LeaseRecovery}; the check that those jobs fire again waits out their 30 s lease beside
 * what follows); the sandbox's API out for 10 s while its cashier works, buyers cancelling and then
 * paying (35 %, {@link LatePaymentPhase}: real late payments); MariaDB restarted (60 %, once that
 * check ended, as the restart would drop the row lock it holds). Each prints how long until every instance answered ready again; problems go to
 * {@link #findings}.
 */
final class FaultSchedule implements Runnable {
    private final FaultShop shop;
    private final AppCluster cluster;
    private final Servers servers;
    private final SandboxProcess sandbox;
    private final Database db;
    private final DelayQueueView queue;
    private final List<Long> hotProducts;
    private final Duration duration;
    private final Set<Fault> faults;
    private final long startNanos = System.nanoTime();
    final Findings findings = new Findings();
    volatile RuntimeException failure;

    FaultSchedule(FaultShop shop, Servers servers, SandboxProcess sandbox, Database db, DelayQueueView queue, List<Long> hotProducts,
                  Duration duration, Set<Fault> faults) {
        this.shop = shop;
        this.sandbox = sandbox;
        this.cluster = shop.cluster;
        this.servers = servers;
        this.db = db;
        this.queue = queue;
        this.hotProducts = hotProducts;
        this.duration = duration;
        this.faults = faults;
    }

    @Override
    public void run() {
        LeaseRecovery lease = null;
        Thread leaseCheck = null;
        try {
            if (faults.contains(Fault.DB_CRASH)) {
                at(0.10);
                long t = System.nanoTime();
                Servers.Crash crash = servers.crashMariaDb();
                double down = (System.nanoTime() - t) / 1e9;
                servers.startMariaDb();
                double serving = (System.nanoTime() - t) / 1e9;
                recovered(String.format("MariaDB SIGKILLed (kill -9 of mariadbd %d, gone %.1f s after), started again: accepting"
                        + " connections %.1f s after the kill", crash.pid(), down, serving), t);
                List<String> log = crash.recoveryLines();
                log.forEach(line -> System.out.println("    mariadbd: " + line));
                if (log.stream().noneMatch(line -> line.contains("crash recovery")) && java.nio.file.Files.isReadable(crash.errorLog())) {
                    findings.problem("the MariaDB SIGKILL: " + crash.errorLog() + " tells of no InnoDB crash recovery after the kill");
                }
            }
            if (faults.contains(Fault.REDIS)) {
                at(0.15);
                long t = System.nanoTime();
                servers.killRedis();
                Servers.sleep(3000);
                servers.startRedis();
                recovered("Redis killed (all keys lost), restarted after 3 s", t);
            }
            if (faults.contains(Fault.SANDBOX)) {
                at(0.20);
                long t = System.nanoTime();
                sandbox.killFor(Duration.ofSeconds(3));
                recovered("sandbox payment provider SIGKILLed, started again after 3 s (its keys and trades kept)", t);
            }
            if (faults.contains(Fault.KILL)) {
                at(0.25);
                lease = new LeaseRecovery(shop, db, queue, findings);
                lease.holdAnOrder(); // its expiry job comes due in 6 s, while the slow database passes
            }
            if (faults.contains(Fault.SLOW_DB)) {
                at(0.25);
                long t = System.nanoTime();
                db.holdStockLocks(hotProducts, 4000);
                recovered("slow database: stock rows of " + hotProducts.size() + " products locked for 4 s", t);
            }
            if (lease != null) {
                int victim = lease.killHolding();
                if (victim < 0) { // could not arrange it (a problem is recorded): kill the last one anyway
                    victim = cluster.size() - 1;
                    cluster.kill(victim);
                }
                long t = System.nanoTime(); // from the kill: arranging the held claims took the seconds before it
                Servers.sleep(1000);
                cluster.launch(victim);
                recovered("instance " + (victim + 1) + " killed with SIGKILL, restarted after 1 s", t);
                // The check waits out the 30 s lease: beside the next fault, not before it.
                LeaseRecovery check = lease;
                leaseCheck = Thread.ofPlatform().name("lease-check").start(() -> {
                    try {
                        check.verify();
                    } catch (Exception e) {
                        failure = new IllegalStateException("the SIGKILL check failed: " + e, e);
                    }
                });
            }
            if (faults.contains(Fault.LATE_PAYMENTS)) {
                at(0.35);
                long t = System.nanoTime();
                String outcome = new LatePaymentPhase(shop, sandbox).run();
                recovered(outcome, t);
            }
            if (faults.contains(Fault.DB_RESTART)) {
                if (leaseCheck != null) leaseCheck.join(); // a restart would drop the row lock that check holds
                at(0.60);
                long t = System.nanoTime();
                servers.stopMariaDb();
                servers.startMariaDb();
                recovered("MariaDB shut down and restarted", t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = new IllegalStateException("fault injection failed: " + e, e);
        } finally {
            try {
                if (leaseCheck != null) leaseCheck.join(); // bounded: the lease plus 35 s at most
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (lease != null) lease.release();
            servers.restoreAll();
            sandbox.ensureRunning();
        }
    }

    private void at(double fraction) throws InterruptedException {
        long due = startNanos + (long) (duration.toNanos() * fraction);
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000);
    }

    private void recovered(String name, long startedNanos) {
        cluster.awaitAllReady(Duration.ofSeconds(120));
        double at = (startedNanos - startNanos) / 1e9;
        double after = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("  fault at %5.1f s: %s; all instances ready %.1f s after it began%n", at, name, after);
    }
}
