package dev.ordersystem.faults;

import dev.ordersystem.harness.AppProcess;
import dev.ordersystem.harness.WireReply;
import dev.ordersystem.harness.WireRequest;
import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.SandboxKeyFiles;
import dev.ordersystem.http.sandbox.SandboxOutage;
import dev.ordersystem.http.sandbox.SandboxProviderRoutes;
import dev.ordersystem.http.sandbox.SandboxTradeJournal;
import dev.ordersystem.http.sandbox.StandaloneSandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sandbox payment provider every instance of a run shares, as its own process (the app jar's
 * {@code SandboxMain}): the instances are configured with its key files as with real providers'
 * ({@link #shopSettings()}), the driver pays at its cashier, signs notifications with its keys
 * ({@link #keys()}), and reads its trades and refunds back from its journal after the run. It can be SIGKILLed
 * and started again on the same port; its keys, trades and refunds survive that, as a provider's would. Its
 * API can also be out while it keeps running ({@link #apiOut}): the buyer's cashier still works then.
 */
final class SandboxProcess implements AutoCloseable {
    /** Every sandbox this driver started, for the shutdown hook. */
    private static final Set<SandboxProcess> STARTED = ConcurrentHashMap.newKeySet();

    /** When the provider was down (from the kill to ready again, or its API out), for the checks that allow for it. */
    record Outage(Instant from, Instant until) {
    }

    private final Path dir;
    private final AppProcess process;
    private final PaymentSandbox keys;
    private final List<Outage> outages = new CopyOnWriteArrayList<>();

    SandboxProcess(Path jar, Path workDir) {
        this.dir = workDir.resolve("sandbox");
        // Made here, before the provider starts: the instances are configured with these files.
        this.keys = PaymentSandbox.inDirectory(dir, Clock.systemUTC());
        this.process = new AppProcess(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", jar.toString(),
                "dev.ordersystem.app.SandboxMain"), Map.of("ORDER_SANDBOX_KEYS", dir.toString()), workDir, workDir.resolve("sandbox.log"));
        STARTED.add(this);
    }

    static void killAllStarted() {
        for (SandboxProcess sandbox : STARTED) if (sandbox.process.alive()) sandbox.process.kill();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    /** What each instance sets (but its own notify addresses) to use this provider as its WeChat Pay and Alipay. */
    Map<String, String> shopSettings() {
        return new SandboxKeyFiles(dir).shopSettings(address());
    }

    PaymentSandbox keys() {
        return keys;
    }

    void start() {
        process.launch();
        process.awaitReady(Duration.ofSeconds(60));
    }

    /** SIGKILL, {@code down} without a provider, then started again; the outage is kept for the checks. */
    void killFor(Duration down) {
        Instant from = Instant.now();
        process.kill();
        Servers.sleep(down.toMillis());
        start();
        outages.add(new Outage(from, Instant.now()));
    }

    /**
     * The provider's API out (every call answered 500, {@link SandboxOutage#SERVER_ERROR}) until
     * {@link #apiBack}, while its cashier still takes payments and sends their notifications
     * ({@code PUT /sandbox/control}); when it began.
     */
    Instant apiOut() throws IOException {
        Instant from = Instant.now();
        control(SandboxOutage.SERVER_ERROR);
        return from;
    }

    /** Ends the API outage begun at {@code from}; the outage is kept for the checks. */
    void apiBack(Instant from) throws IOException {
        control(SandboxOutage.NONE);
        outages.add(new Outage(from, Instant.now()));
    }

    private void control(SandboxOutage outage) throws IOException {
        WireReply reply = process.http().send(WireRequest.of("PUT", SandboxProviderRoutes.CONTROL)
                .withBody("{\"outage\":\"" + outage.name() + "\"}").withTimeout(FaultShop.REQUEST_TIMEOUT));
        if (reply.status() != 200) throw new IOException("the sandbox refused outage " + outage + ": " + reply);
    }

    /** Starts it again when a fault left it down; never throws. */
    void ensureRunning() {
        try {
            if (!process.alive()) start();
        } catch (RuntimeException e) {
            System.err.println("faults: could not restart the sandbox provider: " + e.getMessage());
        }
    }

    List<Outage> outages() {
        return List.copyOf(outages);
    }

    /** The buyer presses Pay at the cashier: the provider takes the exact amount and notifies the shop that opened the trade. */
    WireReply pay(String channel, String outTradeNo) throws IOException {
        return process.http().send(WireRequest.post("/sandbox/cashier/" + URLEncoder.encode(outTradeNo, StandardCharsets.UTF_8) + "/pay",
                        "channel=" + channel + "&amount=exact")
                .withHeaders(Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"))
                .withTimeout(FaultShop.REQUEST_TIMEOUT));
    }

    /** The buyer's browser opens a pay address of this provider (Alipay's page and WAP pay): the gateway opens the trade and redirects. */
    WireReply open(String payUrl) throws IOException {
        URI uri = URI.create(payUrl);
        return process.http().send(WireRequest.get(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .withTimeout(FaultShop.REQUEST_TIMEOUT));
    }

    /** Every trade the provider ever opened and every refund it made, each as it ended (its journal; it may be running). */
    SandboxTradeJournal.Replayed journal() {
        return SandboxTradeJournal.replay(dir.resolve(StandaloneSandbox.JOURNAL));
    }

    @Override
    public void close() {
        process.close();
        STARTED.remove(this);
    }
}
