package dev.ordersystem.http.client;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A block of addresses, {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of
 * one. Bits past the prefix are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
 */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        Objects.requireNonNull(network, "network");
        if (prefixLength < 0 || prefixLength > network.getAddress().length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
    }

    /** @throws IllegalArgumentException when {@code text} is no IPv4 or IPv6 block */
    public static Cidr parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        InetAddress network = IpLiteral.address(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not an IPv4 or IPv6 address or block (like 10.0.0.0/8 or 2001:db8::/32)"));
        int bits = network.getAddress().length * 8;
        if (slash < 0) return new Cidr(network, bits);
        String length = value.substring(slash + 1);
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
            throw new IllegalArgumentException("'" + value + "' has a prefix length that is not 0.." + bits);
        }
        return new Cidr(network, Integer.parseInt(length));
    }

    public boolean contains(InetAddress address) {
        byte[] mine = network.getAddress();
        byte[] theirs = address.getAddress();
        if (mine.length != theirs.length) return false;
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) if (mine[i] != theirs[i]) return false;
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (mine[whole] & mask) == (theirs[whole] & mask);
    }

    @Override
    public String toString() {
        return IpLiteral.text(network) + "/" + prefixLength;
    }
}
