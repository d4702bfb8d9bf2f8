package dev.ordersystem.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults of one run, one after another at fixed fractions of its duration: Redis killed and
 * restarted, a slow database (stock rows locked by another session), an app instance killed with
 * SIGKILL and restarted, optionally MariaDB restarted. Each records how long until every instance
 * answered ready again.
 */
final class FaultSchedule implements Runnable {
    record Fault(String name, double atSeconds, double recoveredAfterSeconds) {
    }

    private final AppCluster cluster;
    private final Servers servers;
    private final Database db;
    private final List<Long> hotProducts;
    private final Duration duration;
    private final boolean dbRestart;
    private final long startNanos = System.nanoTime();
    final List<Fault> done = new ArrayList<>();
    volatile RuntimeException failure;

    FaultSchedule(AppCluster cluster, Servers servers, Database db, List<Long> hotProducts, Duration duration, boolean dbRestart) {
        this.cluster = cluster;
        this.servers = servers;
        this.db = db;
        this.hotProducts = hotProducts;
        this.duration = duration;
        this.dbRestart = dbRestart;
    }

    @Override
    public void run() {
        try {
            at(0.15);
            long t = System.nanoTime();
            servers.killRedis();
            Servers.sleep(3000);
            servers.startRedis();
            recovered("Redis killed (all keys lost), restarted after 3 s", t);

            at(0.35);
            t = System.nanoTime();
            db.holdStockLocks(hotProducts, 4000);
            recovered("slow database: stock rows of " + hotProducts.size() + " products locked for 4 s", t);

            at(0.50);
            int victim = cluster.size() - 1;
            t = System.nanoTime();
            cluster.kill(victim);
            Servers.sleep(1000);
            cluster.launch(victim);
            recovered("instance " + (victim + 1) + " killed with SIGKILL, restarted after 1 s", t);

            if (dbRestart) {
                at(0.70);
                t = System.nanoTime();
                servers.stopMariaDb();
                servers.startMariaDb();
                recovered("MariaDB shut down and restarted", t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = new IllegalStateException("fault injection failed: " + e, e);
        } finally {
            servers.restoreAll();
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
        done.add(new Fault(name, at, after));
        System.out.printf("  fault at %5.1f s: %s; all instances ready %.1f s after it began%n", at, name, after);
    }
}
