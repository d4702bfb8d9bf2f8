package dev.ordersystem.http.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyTrustTest {
    private static final ProxyTrust XFF = ProxyTrust.parse("10.0.0.0/8, 192.168.1.10, 2001:db8:cafe::/48", ForwardedHeader.X_FORWARDED_FOR);
    private static final ProxyTrust RFC = ProxyTrust.parse("10.0.0.0/8, 2001:db8:cafe::/48", ForwardedHeader.FORWARDED);

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(XFF.clientOf("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(ProxyTrust.none().clientOf("10.0.0.1", List.of("198.51.100.1"))).isEqualTo("10.0.0.1");
        assertThat(XFF.clientOf("11.0.0.1", List.of("198.51.100.1"))).isEqualTo("11.0.0.1");
    }

    @Test
    void fromATrustedPeerTheRightMostAddressThatIsNoProxyIsTheClient() {
        assertThat(XFF.clientOf("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(XFF.clientOf("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
        // Several header lines are one list, in order.
        assertThat(XFF.clientOf("10.1.2.3", List.of("6.6.6.6", "198.51.100.1", "192.168.1.10"))).isEqualTo("198.51.100.1");
        // Every hop a proxy: the request began at the left-most.
        assertThat(XFF.clientOf("10.1.2.3", List.of("10.0.0.7, 10.0.0.8"))).isEqualTo("10.0.0.7");
        assertThat(XFF.clientOf("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6PeersHopsAndPortsAreReadAndWrittenCanonically() {
        assertThat(XFF.clientOf("[2001:db8:cafe::1]", List.of("2001:DB8::0:17"))).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(XFF.clientOf("2001:db8:cafe::1", List.of("[2001:db8::17]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(XFF.clientOf("10.0.0.1", List.of("198.51.100.1:5555"))).isEqualTo("198.51.100.1");
        assertThat(XFF.clientOf("::ffff:10.0.0.1", List.of("198.51.100.1"))).as("IPv4-mapped peer").isEqualTo("198.51.100.1");
        assertThat(XFF.clientOf("[0:0:0:0:0:0:0:1]", List.of("198.51.100.1"))).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void theForwardedHeaderOfRfc7239() {
        assertThat(RFC.clientOf("10.0.0.1", List.of("for=192.0.2.60;proto=http;by=203.0.113.43"))).isEqualTo("192.0.2.60");
        assertThat(RFC.clientOf("10.0.0.1", List.of("for=6.6.6.6, For=\"[2001:db8:cafe::17]:4711\", for=10.0.0.2")))
                .as("a trusted IPv6 hop is skipped").isEqualTo("6.6.6.6");
        assertThat(RFC.clientOf("10.0.0.1", List.of("for=\"198.51.100.1:80\";proto=https"))).isEqualTo("198.51.100.1");
        // A quoted comma is no element boundary.
        assertThat(RFC.clientOf("10.0.0.1", List.of("for=\"x,y\";by=1.2.3.4, for=198.51.100.1"))).isEqualTo("198.51.100.1");
        // Only the configured header is read.
        assertThat(XFF.clientOf("10.0.0.1", List.of("for=198.51.100.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void aMalformedHopMakesThePeerTheClient() {
        for (String header : List.of("bogus", "198.51.100.1, bogus", "example.com", "300.1.1.1", "1.2.3", "fe80::1%eth0",
                "[198.51.100.1]", "198.51.100.1:99999", "", " , ", "2001:db8::zz")) {
            assertThat(XFF.clientOf("10.0.0.1", List.of(header))).as(header).isEqualTo("10.0.0.1");
        }
        for (String header : List.of("for=unknown", "for=_hidden", "proto=http", "for=\"198.51.100.1")) {
            assertThat(RFC.clientOf("10.0.0.1", List.of(header))).as(header).isEqualTo("10.0.0.1");
        }
    }

    @Test
    void blocksAreReadOrRefusedWithTheBadEntryNamed() {
        assertThat(ProxyTrust.parse("", ForwardedHeader.X_FORWARDED_FOR).trusted()).isEmpty();
        assertThat(ProxyTrust.parse("10.1.2.3/8 , ::1, 2001:db8::/32, 0.0.0.0/0", ForwardedHeader.X_FORWARDED_FOR).trusted())
                .extracting(Cidr::toString).containsExactly("10.1.2.3/8", "0:0:0:0:0:0:0:1/128", "2001:db8:0:0:0:0:0:0/32", "0.0.0.0/0");
        assertThat(Cidr.parse("10.1.2.3/8").contains(IpLiteral.address("10.200.0.1").orElseThrow())).isTrue();
        assertThat(Cidr.parse("10.1.2.3/9").contains(IpLiteral.address("10.200.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpLiteral.address("2001:db8::1").orElseThrow())).isFalse();
        for (String bad : List.of("10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "::1/129", "proxy.internal", "10.0.0.0/8,,10.0.0.1", "10.0.0.0/-1")) {
            assertThatThrownBy(() -> ProxyTrust.parse(bad, ForwardedHeader.X_FORWARDED_FOR)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'");
        }
        assertThatThrownBy(() -> ForwardedHeader.named("X-Real-IP")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ForwardedHeader.named("forwarded")).isEqualTo(ForwardedHeader.FORWARDED);
    }
}
