package dev.ordersystem.redis;

import redis.clients.jedis.HostAndPort;

import java.util.List;

/**
 * Where Redis answers: one server, or a Redis Cluster reached through any of its {@code nodes}
 * (the client learns the slots from them and follows MOVED/ASK and failovers).
 */
public record RedisEndpoint(List<HostAndPort> nodes, boolean cluster) {
    public RedisEndpoint {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) throw new IllegalArgumentException("a Redis endpoint needs a node");
        if (!cluster && nodes.size() != 1) throw new IllegalArgumentException("one Redis server has one address: " + nodes);
    }

    static RedisEndpoint server(HostAndPort server) {
        return new RedisEndpoint(List.of(server), false);
    }

    static RedisEndpoint cluster(List<HostAndPort> seeds) {
        return new RedisEndpoint(seeds, true);
    }
}
