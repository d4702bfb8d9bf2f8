package dev.ordersystem.app;

import dev.ordersystem.redis.RedisConnection;
import dev.ordersystem.redis.RedisSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MySQL/MariaDB server and the Redis the production-mode tests run the app against:
 * {@code ORDER_TEST_JDBC_URL} (+ {@code _USER}, {@code _PASSWORD}) and {@code ORDER_TEST_REDIS_URL}
 * when set; otherwise containers when a Docker engine is available; otherwise a failure that
 * says how to provide them. Resolved once per test JVM.
 */
final class TestServers {
    private static final Pattern SERVER_URL = Pattern.compile("(jdbc:(?:mariadb|mysql)(?::sequential|:loadbalance)?://[^/?]+)/?([^?]*)(\\?.*)?");
    private static Database database;
    private static String redisUrl;

    private TestServers() {
    }

    /** A database server reachable as {@code base + "/" + schema + query}. */
    record Database(String base, String query, String user, String password) {
        String url(String schema) {
            return base + "/" + schema + query;
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(url(""), user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot run '" + sql + "' on the test server " + base + ": " + e.getMessage(), e);
            }
        }
    }

    static synchronized Database database() {
        if (database == null) database = resolveDatabase();
        return database;
    }

    static synchronized String redisUrl() {
        if (redisUrl == null) redisUrl = resolveRedis();
        return redisUrl;
    }

    /** Deletes every key under {@code prefix}, including the hash-tagged delay-queue keys. */
    static void deleteRedisKeys(String prefix) {
        try (RedisConnection redis = new RedisConnection(RedisSettings.fromUrl(redisUrl())
                .withTimeouts(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5)))) {
            redis.deleteKeysUnder(prefix);
        }
    }

    /** The Redis server of the tests, or every node (primaries and replicas) of a Redis Cluster. */
    static List<HostAndPort> redisServers() {
        RedisSettings settings = RedisSettings.fromUrl(redisUrl());
        if (!settings.endpoint().cluster()) return List.of(new HostAndPort(settings.host(), settings.port()));
        try (Jedis seed = new Jedis(settings.host(), settings.port())) {
            // CLUSTER NODES: "<id> <host>:<port>@<bus port> <flags> …", one line a node
            return Arrays.stream(seed.clusterNodes().split("\n")).filter(line -> !line.isBlank())
                    .map(line -> HostAndPort.from(line.split(" ")[1].split("@")[0])).toList();
        }
    }

    static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static Database resolveDatabase() {
        String url = System.getenv("ORDER_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            Matcher m = SERVER_URL.matcher(url.trim());
            if (!m.matches() || !m.group(2).isEmpty()) {
                throw new IllegalStateException("ORDER_TEST_JDBC_URL must name a server without a database, like "
                        + "jdbc:mariadb://host:port/?sslMode=disable, jdbc:mariadb:sequential://host1:port1,host2:port2/?sslMode=disable "
                        + "or jdbc:mysql://host:port/, got " + url);
            }
            return new Database(m.group(1), m.group(3) == null ? "" : m.group(3),
                    env("ORDER_TEST_JDBC_USER", "root"), env("ORDER_TEST_JDBC_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            MySQLContainer mysql = new MySQLContainer("mysql:8.0");
            mysql.start(); // stopped by Testcontainers' reaper when the JVM ends
            return new Database("jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(3306),
                    "?sslMode=DISABLED&allowPublicKeyRetrieval=true", "root", mysql.getPassword());
        }
        throw new IllegalStateException("""
                The app's integration tests need a MySQL 8.0+ or MariaDB 10.6+ server, and none was found.
                Either set ORDER_TEST_JDBC_URL (+ ORDER_TEST_JDBC_USER, ORDER_TEST_JDBC_PASSWORD) to a server URL
                without a database, for a user that may CREATE and DROP databases, e.g.
                  ORDER_TEST_JDBC_URL='jdbc:mariadb://127.0.0.1:3306/?sslMode=disable' ORDER_TEST_JDBC_USER=root ORDER_TEST_JDBC_PASSWORD=
                or start a Docker engine, and the tests run mysql:8.0 in a container (Testcontainers).""");
    }

    private static String resolveRedis() {
        String configured = System.getenv("ORDER_TEST_REDIS_URL");
        if (configured != null && !configured.isBlank()) return configured.trim();
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
            container.start(); // stopped by Testcontainers' reaper when the JVM ends
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        throw new IllegalStateException("The app's integration tests need a Redis 7: set ORDER_TEST_REDIS_URL=redis://host:port[/db]"
                + " (e.g. a local redis-server on redis://127.0.0.1:6379), or make a Docker engine available"
                + " so Testcontainers can start redis:7.");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
