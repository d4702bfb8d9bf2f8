package dev.ordersystem.core.usecase.event;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * DESIGN §15's rule against server-side request forgery: which addresses a webhook may go to.
 * Link-local addresses (cloud metadata at 169.254.169.254, {@code fe80::/10}), multicast and the
 * unspecified address are refused always; loopback and private ranges ({@code 10/8},
 * {@code 172.16/12}, {@code 192.168/16}, {@code 100.64/10}, {@code fc00::/7}) unless
 * {@code allowPrivate} (ORDER_WEBHOOK_ALLOW_PRIVATE, for receivers inside the shop's own network).
 */
public final class TargetAddressRule {
    private final boolean allowPrivate;

    public TargetAddressRule(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code address} may not be reached, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (address.isLinkLocalAddress()) return Optional.of("link-local address " + address.getHostAddress());
        if (address.isMulticastAddress()) return Optional.of("multicast address " + address.getHostAddress());
        if (address.isAnyLocalAddress() || zeroNetwork(address)) return Optional.of("unspecified address " + address.getHostAddress());
        if (allowPrivate) return Optional.empty();
        if (address.isLoopbackAddress()) return Optional.of("loopback address " + address.getHostAddress());
        if (address.isSiteLocalAddress() || sharedOrUniqueLocal(address)) {
            return Optional.of("private address " + address.getHostAddress());
        }
        return Optional.empty();
    }

    private static boolean zeroNetwork(InetAddress address) {
        return address instanceof Inet4Address && address.getAddress()[0] == 0;
    }

    private static boolean sharedOrUniqueLocal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
        return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc; // fc00::/7
    }
}
