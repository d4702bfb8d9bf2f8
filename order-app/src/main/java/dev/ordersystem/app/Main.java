package dev.ordersystem.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** {@code java -jar order-app.jar}: reads the configuration, starts the server, stops it on SIGTERM. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        AppConfig config;
        PaymentConfig payments;
        try {
            ConfigSource source = ConfigSource.fromEnvironment();
            config = AppConfig.from(source);
            payments = PaymentConfig.from(source);
        } catch (ConfigInvalid e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Application app = Application.start(config, payments, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(app::close));
        log.info("listening on http://localhost:{}", app.port());
        if (config.adminToken().isEmpty()) log.info("admin token (generated for this run): {}", app.adminToken());
        if (config.embedded()) {
            log.info("embedded demo: buyer '{}' with password '{}' (see README for a walk-through)",
                    DemoData.DEMO_USER, DemoData.DEMO_PASSWORD);
        }
    }
}
