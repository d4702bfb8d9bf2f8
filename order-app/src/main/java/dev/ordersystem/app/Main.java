package dev.ordersystem.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code java -jar order-app.jar}: reads the configuration, starts the server, stops it on SIGTERM. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Optional<AppConfig> read = configuration(ConfigSource::fromEnvironment, System.err);
        Optional<PaymentConfig> payments = read.flatMap(ok -> check(ConfigSource::fromEnvironment, PaymentConfig::from, System.err));
        if (payments.isEmpty()) {
            System.exit(2); // a configuration error, told apart from a crash (1) by scripts and supervisors
            return;
        }
        AppConfig config = read.get();
        Application app = Application.start(config, payments.get(), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(app::close));
        log.info("listening on http://localhost:{}", app.port());
        if (config.adminToken().isEmpty()) log.info("admin token (generated for this run): {}", app.adminToken());
        if (config.embedded()) {
            log.info("embedded demo: buyer '{}' with password '{}' (see README for a walk-through)",
                    DemoData.DEMO_USER, DemoData.DEMO_PASSWORD);
        }
    }

    /** The configuration, or empty after printing every problem to {@code err}; the caller then exits with 2. */
    static Optional<AppConfig> configuration(Supplier<ConfigSource> source, PrintStream err) {
        return check(source, AppConfig::from, err);
    }

    private static <T> Optional<T> check(Supplier<ConfigSource> source, Function<ConfigSource, T> reader, PrintStream err) {
        try {
            return Optional.of(reader.apply(source.get()));
        } catch (ConfigInvalid e) {
            err.println(e.getMessage());
            err.println("The variables are listed in the README's configuration table; nothing was started.");
            return Optional.empty();
        }
    }
}
