package dev.ordersystem.http.client;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which peers may say who the client is. From a peer inside one of {@code trusted}, the client
 * is the right-most hop of {@code header} that is not itself a trusted proxy (the hops left of it
 * are the client's own text, so not believed); from any other peer the header is ignored and the
 * client is the peer. A hop that is no address makes the peer the client: a broken header can
 * only make the caller share the proxy's budget, never choose another one.
 *
 * @param trusted the proxies' blocks; empty (the default) trusts none
 * @param header  the one header the proxies write
 */
public record ProxyTrust(List<Cidr> trusted, ForwardedHeader header) {
    public ProxyTrust {
        trusted = List.copyOf(trusted);
        Objects.requireNonNull(header, "header");
    }

    /** No proxies: the client is always the TCP peer. */
    public static ProxyTrust none() {
        return new ProxyTrust(List.of(), ForwardedHeader.X_FORWARDED_FOR);
    }

    /**
     * Comma-separated blocks, e.g. {@code 10.0.0.0/8, 192.168.1.10, fd00::/8}; blank for none.
     *
     * @throws IllegalArgumentException naming the first entry that is not a block
     */
    public static ProxyTrust parse(String blocks, ForwardedHeader header) {
        List<Cidr> trusted = new ArrayList<>();
        if (blocks != null && !blocks.isBlank()) {
            for (String entry : blocks.split(",", -1)) {
                if (entry.isBlank()) throw new IllegalArgumentException("an empty entry in '" + blocks + "'");
                trusted.add(Cidr.parse(entry));
            }
        }
        return new ProxyTrust(trusted, header);
    }

    /**
     * The client's address for a request from {@code peer} (the TCP peer's address as the server
     * gives it) carrying {@code headerValues} (every occurrence of {@link #header()}), canonical.
     */
    public String clientOf(String peer, List<String> headerValues) {
        Optional<InetAddress> peerAddress = IpLiteral.address(peer);
        String fallback = peerAddress.map(IpLiteral::text).orElse(peer);
        if (peerAddress.isEmpty() || !trusts(peerAddress.get()) || headerValues.isEmpty()) return fallback;
        List<Optional<String>> hops = header.hops(headerValues);
        InetAddress nearest = peerAddress.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = hops.get(i).flatMap(IpLiteral::hop);
            if (hop.isEmpty()) return fallback;
            if (!trusts(hop.get())) return IpLiteral.text(hop.get());
            nearest = hop.get();
        }
        return IpLiteral.text(nearest); // every hop a proxy: the request began at the left-most one
    }

    private boolean trusts(InetAddress address) {
        for (Cidr block : trusted) if (block.contains(address)) return true;
        return false;
    }

    @Override
    public String toString() {
        return trusted.isEmpty() ? "no trusted proxies" : "trusted proxies " + trusted + " via " + header.header();
    }
}
