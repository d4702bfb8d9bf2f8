package dev.ordersystem.app;

import dev.ordersystem.http.sandbox.StandaloneSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code java -cp order-app.jar dev.ordersystem.app.SandboxMain}: the sandbox provider alone,
 * shared by several shop instances (README "A shared sandbox provider"). {@code ORDER_SANDBOX_KEYS}
 * (default {@code ./sandbox-keys}): its keys and trades, made on the first start;
 * {@code ORDER_HTTP_PORT} (default 8090). Listens on 127.0.0.1 only.
 */
public final class SandboxMain {
    private static final Logger log = LoggerFactory.getLogger(SandboxMain.class);

    private SandboxMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(env("ORDER_SANDBOX_KEYS").orElse("sandbox-keys")).toAbsolutePath();
        int port;
        try {
            port = Integer.parseInt(env("ORDER_HTTP_PORT").orElse("8090"));
            if (port < 0 || port > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            System.err.println("ORDER_HTTP_PORT: must be a TCP port (0..65535), was '" + System.getenv("ORDER_HTTP_PORT") + "'");
            System.exit(2);
            return;
        }
        StandaloneSandbox sandbox = StandaloneSandbox.start(dir, port, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(sandbox::close));
        log.warn("SANDBOX payment provider (not WeChat Pay, not Alipay) listening on {}; keys and trades in {}", sandbox.address(), dir);
        log.info("configure each shop with {} and its own WECHATPAY_NOTIFY_URL and ALIPAY_NOTIFY_URL", dir.resolve(StandaloneSandbox.SHOP_ENV));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
