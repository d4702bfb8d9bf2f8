package dev.ordersystem.faults;

import dev.ordersystem.harness.ShopApi;
import dev.ordersystem.harness.WireReply;
import dev.ordersystem.harness.WireRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster's faults, one after the other, each once the previous one recovered (no fault is
 * timed against another: a state transfer or a promotion takes what it takes on a busy machine):
 * <ol>
 * <li>Galera node 3 SIGKILLed, then started by {@code bin/cluster up} (it rejoins by IST, or SST
 * when its donor's cache no longer holds what it missed). Instance 3, on that node alone, must
 * notice ({@code /health/ready} 503) and answer a placement 503 with {@code Retry-After}, never
 * 500, while instances 1 and 2 keep placing; after the rejoin instance 3 must place again (201 within 3 minutes).</li>
 * <li>A Redis primary SIGKILLed; its replica must be promoted (cluster_state ok again), every
 * instance must be ready and place orders through the promoted primary; then the killed node is
 * started again and rejoins as a replica.</li>
 * <li>Instance 2 SIGKILLed and started again after 1 s.</li>
 * </ol>
 */
final class ClusterFaultSchedule implements Runnable {
    /** The node killed, and the instance (0-based) that runs on it alone. */
    static final int CRASHED_NODE = 3;
    private static final int INSTANCE_ON_CRASHED_NODE = CRASHED_NODE - 1;
    private static final int KILLED_INSTANCE = 1;
    /** Generous on purpose: a probe measures what the app answers, not how fast on a loaded machine. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final FaultShop shop;
    private final AppCluster cluster;
    private final ClusterNodes nodes;
    private final Duration firstAfter;
    private final long startNanos = System.nanoTime();
    final Findings findings = new Findings();
    volatile RuntimeException failure;

    ClusterFaultSchedule(FaultShop shop, ClusterNodes nodes, Duration firstAfter) {
        this.shop = shop;
        this.cluster = shop.cluster;
        this.nodes = nodes;
        this.firstAfter = firstAfter;
    }

    @Override
    public void run() {
        try {
            Thread.sleep(firstAfter.toMillis()); // the traffic first reaches its stride
            galeraNodeCrash();
            redisPrimaryCrash();
            instanceKill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = new IllegalStateException("fault injection failed: " + e, e);
        }
    }

    private void galeraNodeCrash() throws IOException, InterruptedException {
        long t = System.nanoTime();
        ClusterNodes.GaleraCrash crash = nodes.crashGalera(CRASHED_NODE);
        say(t, "Galera node " + CRASHED_NODE + " SIGKILLed (mariadbd " + crash.pid() + ")");
        int ready = awaitReadiness(INSTANCE_ON_CRASHED_NODE, 503, Duration.ofMinutes(3)); // 28.6 s under 500 clients at load 30
        if (ready != 503) findings.problem("Galera node down: instance " + (INSTANCE_ON_CRASHED_NODE + 1) + " /health/ready answered " + ready + ", not 503");
        else say(t, "instance " + (INSTANCE_ON_CRASHED_NODE + 1) + " reports not ready (503)");
        int placedElsewhere = 0;
        for (int i = 0; i < 3; i++) {
            WireReply down = place(INSTANCE_ON_CRASHED_NODE, i);
            if (down.status() != 503 || down.header("Retry-After").isEmpty()) {
                findings.problem("Galera node down: a placement at instance " + (INSTANCE_ON_CRASHED_NODE + 1) + " answered " + down.status()
                        + " (Retry-After " + down.header("Retry-After") + "), not 503 with Retry-After: " + down.text());
            }
            // The other nodes go on: instance 1 places (a 503 is allowed — a conflict retried to the end under load — a 500 is not).
            WireReply other = place(0, i);
            if (other.status() == 201) {
                placedElsewhere++;
                shop.ledger.saw(other.json().get("orderNo").asText(), other.json().get("status").asText());
            } else if (other.status() != 503) {
                findings.problem("Galera node down: a placement at instance 1 (node 1) answered " + other.status() + ": " + other.text());
            }
        }
        if (placedElsewhere == 0) findings.problem("Galera node down: instance 1 (node 1) placed none of 3 orders meanwhile");
        say(t, "3 placements at instance " + (INSTANCE_ON_CRASHED_NODE + 1) + " answered 503 while its node was down; instance 1 placed "
                + placedElsewhere + " of 3");
        Duration back = nodes.up();
        say(t, "bin/cluster up: node " + CRASHED_NODE + " rejoined by " + crash.rejoin() + ", Synced after " + seconds(back) + " s");
        cluster.awaitReady(INSTANCE_ON_CRASHED_NODE, READY_TIMEOUT);
        placesAgain(INSTANCE_ON_CRASHED_NODE, "after Galera node " + CRASHED_NODE + " rejoined");
        recovered(t, "Galera node crash");
    }

    private void redisPrimaryCrash() throws IOException, InterruptedException {
        long t = System.nanoTime();
        ClusterNodes.RedisCrash crash = nodes.crashRedisPrimary();
        say(t, "Redis primary " + crash.port() + " SIGKILLed (pid " + crash.pid() + ", replicas " + crash.replicas() + ")");
        int promoted = nodes.awaitPromotion(crash, Duration.ofSeconds(120));
        say(t, "replica " + promoted + " promoted, cluster_state ok");
        cluster.awaitAllReady(READY_TIMEOUT);
        for (int i = 0; i < cluster.size(); i++) placesAgain(i, "after the Redis failover");
        Duration back = nodes.up();
        nodes.awaitRedisHealthy(Duration.ofSeconds(120));
        say(t, "bin/cluster up: Redis " + crash.port() + " started again (" + seconds(back) + " s), primaries now " + nodes.redisPrimaries());
        recovered(t, "Redis primary crash");
    }

    private void instanceKill() {
        long t = System.nanoTime();
        cluster.kill(KILLED_INSTANCE);
        Servers.sleep(1000);
        cluster.launch(KILLED_INSTANCE);
        cluster.awaitReady(KILLED_INSTANCE, READY_TIMEOUT);
        recovered(t, "instance " + (KILLED_INSTANCE + 1) + " SIGKILLed, started again after 1 s");
    }

    /** Polls {@code /health/ready} until it answers {@code wanted}; returns the last answer (0: none). */
    private int awaitReadiness(int instance, int wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = cluster.http(instance).send(WireRequest.get("/health/ready").withTimeout(PROBE_TIMEOUT)).status();
            } catch (IOException e) {
                status = 0;
            }
            if (status == wanted) return status;
            Thread.sleep(200);
        }
        return status;
    }

    /**
     * One placement of the driver's own at an instance (a fresh Idempotency-Key, product and cart
     * by {@code n}); a transport failure is an answer too (status 0).
     */
    private WireReply place(int instance, int n) {
        FaultShop.Buyer buyer = shop.buyers.get(n % shop.buyers.size());
        long product = shop.products.get(1 + n % (shop.products.size() - 1)); // not the scarce one
        WireRequest request = WireRequest.of("POST", "/api/v1/orders").withToken(buyer.token())
                .withBody(ShopApi.orderBody(product, 1, buyer.addressId(), "WECHAT"))
                .withHeaders(Map.of("Idempotency-Key", UUID.randomUUID().toString())).withTimeout(PROBE_TIMEOUT);
        try {
            return cluster.http(instance).send(request);
        } catch (IOException e) {
            return new WireReply(0, e.toString(), Map.of());
        }
    }

    /**
     * A placement at {@code instance} answers 201 within 3 minutes (a 503 meanwhile is the app
     * catching up, not a failure; a bound against a hang, not a speed goal: one answer took ~13 s
     * under 500 clients on the loaded 2-core box).
     */
    private void placesAgain(int instance, String when) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        WireReply last = null;
        for (int n = 0; System.nanoTime() < deadline; n++) {
            last = place(instance, n);
            if (last.status() == 201) {
                shop.ledger.saw(last.json().get("orderNo").asText(), last.json().get("status").asText());
                return;
            }
            if (last.status() != 503 && last.status() != 0) break;
            Thread.sleep(500);
        }
        findings.problem(when + ": instance " + (instance + 1) + " placed no order; last answer " + (last == null ? "none" : last.status() + " " + last.text()));
    }

    private void recovered(long startedNanos, String name) {
        cluster.awaitAllReady(READY_TIMEOUT);
        System.out.printf("  fault at %5.1f s: %s; all instances ready %s s after it began%n",
                (startedNanos - startNanos) / 1e9, name, seconds(Duration.ofNanos(System.nanoTime() - startedNanos)));
    }

    private void say(long faultStartNanos, String what) {
        System.out.printf("    +%5.1f s: %s%n", (System.nanoTime() - faultStartNanos) / 1e9, what);
    }

    private static String seconds(Duration d) {
        return String.format("%.1f", d.toNanos() / 1e9);
    }
}
