package dev.ordersystem.http.sandbox;

import dev.ordersystem.http.payment.PaymentSandbox;
import dev.ordersystem.http.payment.SandboxKeyFiles;
import io.javalin.Javalin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sandbox provider on its own, shared by several shop instances (DESIGN §13): only the
 * {@code /sandbox/} routes (and {@code /health/ready}), its keys in a directory
 * ({@link SandboxKeyFiles}, made on the first start), its trades and refunds kept in {@code trades.jsonl} there so a
 * restart (or a SIGKILL) forgets none. Each shop is configured as against the real providers,
 * with the variables it writes to {@code shop.env} plus its own notify addresses; the cashier
 * notifies whichever shop opened the trade, at the notify address that shop gave.
 */
public final class StandaloneSandbox implements AutoCloseable {
    public static final String SHOP_ENV = "shop.env";
    public static final String JOURNAL = "trades.jsonl";

    private final Javalin server;
    private final SandboxTradeJournal journal;

    private StandaloneSandbox(Javalin server, SandboxTradeJournal journal) {
        this.server = server;
        this.journal = journal;
    }

    /** Serves on {@code port} (0: any free one) with the keys and trades of {@code dir}. */
    public static StandaloneSandbox start(Path dir, int port, Clock clock) {
        PaymentSandbox keys = PaymentSandbox.inDirectory(dir, clock);
        SandboxTradeJournal.Replayed restored = SandboxTradeJournal.replay(dir.resolve(JOURNAL));
        SandboxTradeJournal journal = SandboxTradeJournal.open(dir.resolve(JOURNAL));
        SandboxProvider provider = new SandboxProvider(keys, new SandboxTradeBook(restored.trades(), journal::append),
                new SandboxRefunds(restored.refunds(), journal::append), clock);
        Javalin server = Javalin.create(config -> {
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            new SandboxProviderRoutes(provider).register(config.routes);
            config.routes.get("/health/ready", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
        });
        try {
            server.start("127.0.0.1", port);
            StandaloneSandbox sandbox = new StandaloneSandbox(server, journal);
            writeShopEnv(dir, sandbox.address());
            return sandbox;
        } catch (RuntimeException e) {
            server.stop();
            journal.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public URI address() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** {@code shop.env}: what a shop sets ({@code KEY=value} lines) to use this sandbox, but its notify addresses. */
    private static void writeShopEnv(Path dir, URI address) {
        Map<String, String> env = new SandboxKeyFiles(dir).shopSettings(address);
        String text = "# Settings of a shop using the sandbox provider at " + address + "; add WECHATPAY_NOTIFY_URL and ALIPAY_NOTIFY_URL\n"
                + "# (http://<the shop>/api/v1/payments/wechat/notify and …/alipay/notify) and leave ORDER_SANDBOX unset.\n"
                + env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n";
        try {
            Files.writeString(dir.resolve(SHOP_ENV), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(SHOP_ENV), e);
        }
    }

    @Override
    public void close() {
        server.stop();
        journal.close();
    }
}
