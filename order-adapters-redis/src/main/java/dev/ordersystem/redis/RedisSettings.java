package dev.ordersystem.redis;

import redis.clients.jedis.HostAndPort;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where Redis is and how long to wait for it.
 *
 * @param endpoint          the server, or the seed nodes of a Redis Cluster
 * @param database          logical database ({@code SELECT n}), from the URL path
 * @param user              ACL user, or null
 * @param password          password, or null
 * @param tls               {@code rediss://}
 * @param keyPrefix         every key this system writes starts with it (letters, digits, {@code : _ . -})
 * @param connectTimeout    how long to wait for a connection to open
 * @param readTimeout       how long to wait for an answer
 * @param poolSize          connections kept open at most; a caller waits at most twice {@code connectTimeout + readTimeout} for one
 * @param pauseAfterFailure after a connection failure, calls fail at once for this long instead of waiting again
 */
public record RedisSettings(RedisEndpoint endpoint, int database, String user, String password, boolean tls,
                            String keyPrefix, Duration connectTimeout, Duration readTimeout, int poolSize,
                            Duration pauseAfterFailure) {
    public static final String DEFAULT_PREFIX = "order";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9:_.-]{1,64}");

    public RedisSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.cluster() && database != 0) throw new IllegalArgumentException("a Redis Cluster has database 0 only: " + database);
        if (database < 0) throw new IllegalArgumentException("Redis database must not be negative: " + database);
        if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("Redis key prefix must be 1..64 of [A-Za-z0-9:_.-]: " + keyPrefix);
        }
        positiveMillis(connectTimeout, "connectTimeout");
        positiveMillis(readTimeout, "readTimeout");
        if (poolSize < 1) throw new IllegalArgumentException("Redis pool size must be positive: " + poolSize);
        Objects.requireNonNull(pauseAfterFailure, "pauseAfterFailure");
    }

    /**
     * Settings from {@code redis://[user:password@]host[:port][/db]} (or {@code rediss://} for TLS),
     * or {@code redis-cluster://[user:password@]host1:port1,host2:port2,…} (or {@code rediss-cluster://})
     * for a Redis Cluster reached through any of those nodes, with the defaults: prefix
     * {@value #DEFAULT_PREFIX}, 300 ms connect and read timeouts, 32 connections, 1 s pause after a
     * connection failure.
     */
    public static RedisSettings fromUrl(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("Redis URL is empty; expected redis://host:port[/db]");
        String trimmed = url.trim();
        boolean cluster = trimmed.startsWith("redis-cluster://") || trimmed.startsWith("rediss-cluster://");
        // java.net.URI takes one authority: a cluster URL is read through its first node, the others listed after it.
        String[] nodes = cluster ? trimmed.substring(trimmed.indexOf("//") + 2).split("[/?]", 2)[0].replaceFirst("^[^@]*@", "").split(",") : new String[0];
        URI uri = parse(cluster ? trimmed.replaceFirst("-cluster://", "://").replaceFirst(",[^/?]*", "") : trimmed, url);
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw badUrl(url, "the scheme must be redis://, rediss://, redis-cluster:// or rediss-cluster://");
        }
        if (uri.getHost() == null) throw badUrl(url, "no host");
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts.length == 2 && !parts[0].isEmpty() ? parts[0] : null;
            password = parts.length == 2 ? parts[1] : parts[0];
        }
        RedisEndpoint endpoint = cluster ? RedisEndpoint.cluster(Arrays.stream(nodes).map(node -> hostAndPort(node, url)).toList())
                : RedisEndpoint.server(new HostAndPort(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort()));
        return new RedisSettings(endpoint, database(uri, url), user, password, "rediss".equals(scheme), DEFAULT_PREFIX,
                Duration.ofMillis(300), Duration.ofMillis(300), 32, Duration.ofSeconds(1));
    }

    /** The server's host, or the first seed node's of a cluster. */
    public String host() {
        return endpoint.nodes().getFirst().getHost();
    }

    /** The server's port, or the first seed node's of a cluster. */
    public int port() {
        return endpoint.nodes().getFirst().getPort();
    }

    public RedisSettings withKeyPrefix(String value) {
        return new RedisSettings(endpoint, database, user, password, tls, value, connectTimeout, readTimeout, poolSize, pauseAfterFailure);
    }

    public RedisSettings withTimeouts(Duration connect, Duration read) {
        return new RedisSettings(endpoint, database, user, password, tls, keyPrefix, connect, read, poolSize, pauseAfterFailure);
    }

    public RedisSettings withPoolSize(int value) {
        return new RedisSettings(endpoint, database, user, password, tls, keyPrefix, connectTimeout, readTimeout, value, pauseAfterFailure);
    }

    public RedisSettings withPauseAfterFailure(Duration value) {
        return new RedisSettings(endpoint, database, user, password, tls, keyPrefix, connectTimeout, readTimeout, poolSize, value);
    }

    /** host:port/db (a cluster: its seed nodes), never the password: for logs and error messages. */
    public String address() {
        return endpoint.cluster() ? "cluster " + endpoint.nodes() : host() + ":" + port() + "/" + database;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + address() + ", prefix=" + keyPrefix + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", poolSize=" + poolSize + "]";
    }

    private static HostAndPort hostAndPort(String node, String url) {
        String[] parts = node.strip().split(":");
        try {
            if (parts.length != 2 || parts[0].isEmpty()) throw new NumberFormatException();
            int port = Integer.parseInt(parts[1]);
            if (port < 1 || port > 65_535) throw new NumberFormatException();
            return new HostAndPort(parts[0], port);
        } catch (NumberFormatException e) {
            throw badUrl(url, "each cluster node must be host:port");
        }
    }

    private static URI parse(String text, String url) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw badUrl(url, e.getReason());
        }
    }

    private static int database(URI uri, String url) {
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) return 0;
        try {
            return Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
            throw badUrl(url, "the path must be a database number");
        }
    }

    private static IllegalArgumentException badUrl(String url, String why) {
        // The URL may hold a password: name only its shape.
        String shown = url.replaceAll("//[^@/]*@", "//***@");
        return new IllegalArgumentException("Redis URL " + shown + " is not redis://host:port[/db] or redis-cluster://host:port,…: " + why);
    }

    private static void positiveMillis(Duration value, String name) {
        if (value == null || value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and 24 days: " + value);
        }
    }
}
