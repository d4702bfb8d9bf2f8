package dev.ordersystem.http.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals read without ever asking DNS (a header value is the client's text: a
 * host name in it must not make the server resolve it). IPv4 as four decimal octets, IPv6 in any
 * textual form; an IPv4-mapped IPv6 address is its IPv4 address. Zone ids are refused.
 */
public final class IpLiteral {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** {@code [v6]}, {@code [v6]:port}. */
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)](?::(\\d{1,5}))?");
    /** {@code v4:port}. */
    private static final Pattern V4_PORT = Pattern.compile("([0-9.]+):(\\d{1,5})");

    private IpLiteral() {
    }

    /** An address alone: {@code 203.0.113.9}, {@code 2001:db8::1}, {@code [2001:db8::1]}. */
    public static Optional<InetAddress> address(String text) {
        if (text == null) return Optional.empty();
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) value = value.substring(1, value.length() - 1);
        Matcher v4 = V4.matcher(value);
        if (v4.matches()) return v4(v4);
        if (!value.contains(":") || !V6_CHARS.matcher(value).matches()) return Optional.empty();
        try {
            // Holding a ':' and only hex digits, ':' and '.', the text is parsed as an IPv6 literal: no lookup.
            InetAddress address = InetAddress.getByName(value);
            if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) return Optional.empty();
            return Optional.of(address);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One hop of a forwarding header: an address, optionally with a port ({@code 203.0.113.9:4711}, {@code [2001:db8::1]:4711}). */
    public static Optional<InetAddress> hop(String text) {
        if (text == null) return Optional.empty();
        String value = text.trim();
        Matcher bracketed = BRACKETED.matcher(value);
        if (bracketed.matches()) {
            return bracketed.group(1).contains(":") && port(bracketed.group(2)) ? address(bracketed.group(1)) : Optional.empty();
        }
        Matcher withPort = V4_PORT.matcher(value);
        if (withPort.matches()) {
            return V4.matcher(withPort.group(1)).matches() && port(withPort.group(2)) ? address(withPort.group(1)) : Optional.empty();
        }
        return address(value);
    }

    /** The canonical text, the same for every way of writing one address (budgets are kept per this text). */
    public static String text(InetAddress address) {
        return address.getHostAddress();
    }

    private static boolean port(String digits) {
        return digits == null || Integer.parseInt(digits) <= 65_535;
    }

    private static Optional<InetAddress> v4(Matcher m) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) return Optional.empty();
            bytes[i] = (byte) octet;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are an IPv4 address", impossible);
        }
    }
}
